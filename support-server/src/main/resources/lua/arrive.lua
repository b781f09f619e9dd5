-- arrive: the specialist is with the agent now, at the seat or in chat.
-- ARGV: 3 specialistId, 4 requestId
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.state ~= 'CLAIMED' then
  return fail('conflict', 'Only a claimed request can be arrived at; this one is ' .. string.lower(r.state))
end
if r.specialistId ~= ARGV[3] then
  return fail('forbidden', 'Claimed by ' .. r.specialistName .. ', not by you')
end
if r.arrivedAt then
  return ok(r, false)
end
store(r, {arrivedAt = NOW})
emit('request', r)
return ok(r, true)
