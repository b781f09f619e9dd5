-- release: the specialist hands a claimed request back to the queue.
-- ARGV: 3 specialistId, 4 requestId, 5 expiry ms
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
return ok(r, true)
