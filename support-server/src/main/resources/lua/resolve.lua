-- resolve: the specialist has answered; the agent may now rate it.
-- ARGV: 3 specialistId, 4 requestId, 5 outcome, 6 note
--   7, 8, 9 rotation caps: max ms on the floor, max claims, break ms (see rotate in lib.lua)
local specialist = ARGV[3]
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.state == 'RESOLVED' and r.specialistId == specialist then
  return ok(r, false)
end
if r.state ~= 'CLAIMED' then
  return fail('conflict', 'Only a claimed request can be resolved; this one is ' .. string.lower(r.state))
end
if r.specialistId ~= specialist then
  return fail('forbidden', 'Claimed by ' .. r.specialistName .. ', not by you')
end
close(r)
store(r, {state = 'RESOLVED', resolvedAt = NOW, outcome = ARGV[5], resolveNote = ARGV[6]})
emit('request', r)
hold(specialist, '')
rotate(specialist, tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]))
return ok(r, true)
