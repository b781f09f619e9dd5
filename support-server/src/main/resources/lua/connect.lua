-- connect: a specialist's socket opened on some node. Their first socket brings them online
-- (AVAILABLE, or OFF_FLOOR during a rotation break), whatever node it is on.
-- ARGV: 3 specialistId, 4 name, 5 connection id, 6 lease end, epoch ms
local key = k('spec', ARGV[3])
local conns = k('conns', ARGV[3])
redis.call('ZREMRANGEBYSCORE', conns, '-inf', NOW)
redis.call('ZADD', conns, ARGV[6], ARGV[5])
-- back within the grace period: not going offline after all
redis.call('ZREM', k('timers'), 'offline:' .. ARGV[3])
redis.call('HSET', key, 'name', ARGV[4])
local status = redis.call('HGET', key, 'status')
local changed = not status or status == 'OFFLINE'
if changed then
  -- a rotation break still running goes on
  redis.call('HSET', key, 'status', online_status(ARGV[3]), 'since', NOW, 'lapses', '0')
  emit_presence(ARGV[3])
end
return {'ok', changed and '1' or '0', to_flat(specialist_view(ARGV[3]))}
