-- transfer: the specialist hands a claimed request to a named colleague as an offer.
-- ARGV: 3 specialistId, 4 requestId, 5 toId, 6 toName, 7 offer timeout ms, 8 expiry ms
local specialist, to, to_name = ARGV[3], ARGV[5], ARGV[6]
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.state == 'OFFERED' and r.offeredTo == to and r.transferredBy == specialist then
  return ok(r, false)
end
if r.state ~= 'CLAIMED' then
  return fail('conflict', 'Only a claimed request can be transferred; this one is ' .. string.lower(r.state))
end
if r.specialistId ~= specialist then
  return fail('forbidden', 'Claimed by ' .. r.specialistName .. ', not by you')
end
if to == specialist then
  return fail('bad_request', 'You already hold this request')
end
if in_reporting_line(r, to) then
  return fail('reporting_line', to_name .. ' is in ' .. r.agentName .. "'s reporting line")
end
local busy = redis.call('HMGET', k('spec', to), 'requestId', 'offer')
if busy[1] then
  return fail('conflict', to_name .. ' is busy with another request')
end
if busy[2] then
  return fail('conflict', to_name .. ' has another offer pending; try again in a moment')
end
local expires_at = tonumber(NOW) + tonumber(ARGV[7])
store(r, {
  state = 'OFFERED', offeredTo = to, offerExpiresAt = expires_at, specialistId = '',
  specialistName = '', specialistSeat = '', claimedAt = '', arrivedAt = '',
  transferredBy = specialist
})
redis.call('ZADD', k('queue'), queue_score(r), r.id)
redis.call('ZADD', k('timers'), expires_at, 'offer:' .. r.id)
redis.call('HSET', k('spec', to), 'offer', r.id)
redis.call('ZADD', k('timers'), tonumber(NOW) + tonumber(ARGV[8]), 'expire:' .. r.id)
emit('request', r)
emit('offer', r, 'to', to)
hold(specialist, '')
return ok(r, true)
