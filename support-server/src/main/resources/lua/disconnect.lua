-- disconnect: a specialist's socket closed (connection id given) or a node stopped renewing its
-- leases (connection id ''). With no live socket left on any node they are OFFLINE.
-- ARGV: 3 specialistId, 4 connection id or ''
local key = k('spec', ARGV[3])
local conns = k('conns', ARGV[3])
if ARGV[4] ~= '' then
  redis.call('ZREM', conns, ARGV[4])
end
redis.call('ZREMRANGEBYSCORE', conns, '-inf', NOW)
local status = redis.call('HGET', key, 'status')
local changed = redis.call('ZCARD', conns) == 0 and status and status ~= 'OFFLINE'
if changed then
  redis.call('HSET', key, 'status', 'OFFLINE')
  emit_presence(ARGV[3])
end
return {'ok', changed and '1' or '0', to_flat(specialist_view(ARGV[3]))}
