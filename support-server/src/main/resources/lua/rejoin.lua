-- rejoin: a rotation break is over; a specialist still OFF_FLOOR for it is AVAILABLE again (one
-- who went AWAY or OFFLINE meanwhile stays so, free to come back). Fired once across all nodes:
-- whoever removes the timer.
-- ARGV: 3 specialistId, 4 timer member
local specialist = ARGV[3]
if redis.call('ZREM', k('timers'), ARGV[4]) == 0 then
  return {'gone'}
end
local key = k('spec', specialist)
local status = redis.call('HGET', key, 'status')
redis.call('HDEL', key, 'offUntil', 'offReason')
if status ~= 'OFF_FLOOR' then
  return {'ok', '0', to_flat(specialist_view(specialist))}
end
redis.call('HSET', key, 'status', 'AVAILABLE', 'since', NOW, 'lapses', '0')
emit_presence(specialist, 'rejoined')
return {'ok', '1', to_flat(specialist_view(specialist))}
