-- cancel: the agent withdraws the request (also once claimed: the customer may have hung up).
-- ARGV: 3 agentId, 4 requestId, 5 reason ('self_served': they found the answer themselves, or ''),
--       6 entryId: the knowledge entry they found it in ('' for none)
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.agentId ~= ARGV[3] then
  return fail('forbidden', 'This is not your request')
end
if r.state == 'CANCELLED' then
  return ok(r, false)
end
if not is_open(r) then
  return fail('conflict', 'The request has already ended: ' .. string.lower(r.state))
end
if ARGV[6] ~= '' and not kb_entry_exists(ARGV[6]) then
  return fail('bad_request', 'No knowledge entry ' .. ARGV[6])
end
local specialist = r.specialistId
clear_offer(r)
close(r)
store(r, {
  state = 'CANCELLED', cancelledAt = NOW, offeredTo = '', offerExpiresAt = '',
  cancelReason = ARGV[5], entryId = ARGV[6]
})
emit('request', r)
if specialist then
  hold(specialist, '')
end
return ok(r, true)
