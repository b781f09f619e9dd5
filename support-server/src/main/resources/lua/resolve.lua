-- resolve: the specialist has answered; the agent may now rate it.
-- ARGV: 3 specialistId, 4 requestId, 5 outcome, 6 note,
--       7 entryId: the knowledge entry the answer came from ('' for none),
--       8, 9, 10 rotation caps: max ms on the floor, max claims, break ms (see rotate in lib.lua)
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
if ARGV[7] ~= '' and not kb_entry_exists(ARGV[7]) then
  return fail('bad_request', 'No knowledge entry ' .. ARGV[7])
end
close(r)
store(r, {
  state = 'RESOLVED', resolvedAt = NOW, outcome = ARGV[5], resolveNote = ARGV[6], entryId = ARGV[7]
})
emit('request', r)
hold(specialist, '')
rotate(specialist, tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]))
return ok(r, true)
