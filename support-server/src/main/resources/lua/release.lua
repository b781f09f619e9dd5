-- release: the specialist hands a claimed request back to the queue.
-- ARGV: 3 specialistId, 4 requestId, 5 expiry ms
--   6, 7, 8 rotation caps: max ms on the floor, max claims, break ms (see rotate in lib.lua)
local specialist = ARGV[3]
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if is_waiting(r) and r.releasedBy == specialist then
  return ok(r, false)
end
if r.state ~= 'CLAIMED' then
  return fail('conflict', 'Only a claimed request can be released; this one is ' .. string.lower(r.state))
end
if r.specialistId ~= specialist then
  return fail('forbidden', 'Claimed by ' .. r.specialistName .. ', not by you')
end
store(r, {
  state = 'QUEUED', specialistId = '', specialistName = '', specialistSeat = '', claimedAt = '',
  arrivedAt = '',
  releasedBy = specialist
})
redis.call('ZADD', k('queue'), queue_score(r), r.id)
redis.call('ZADD', k('timers'), tonumber(NOW) + tonumber(ARGV[5]), 'expire:' .. r.id)
emit('request', r)
hold(specialist, '')
rotate(specialist, tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]))
return ok(r, true)
