-- disconnect: a specialist's socket closed (connection id given) or a node stopped renewing its
-- leases (connection id ''). With no live socket left on any node they go OFFLINE: after a grace
-- period for a closed socket (a page reload, a flaky tablet), at once for a lease run out.
-- ARGV: 3 specialistId, 4 connection id or '', 5 grace ms
local specialist = ARGV[3]
local key = k('spec', specialist)
local conns = k('conns', specialist)
if ARGV[4] ~= '' then
  redis.call('ZREM', conns, ARGV[4])
end
redis.call('ZREMRANGEBYSCORE', conns, '-inf', NOW)
local status = redis.call('HGET', key, 'status')
local changed = false
if redis.call('ZCARD', conns) == 0 and status and status ~= 'OFFLINE' then
  if ARGV[4] ~= '' and tonumber(ARGV[5]) > 0 then
    redis.call('ZADD', k('timers'), tonumber(NOW) + tonumber(ARGV[5]), 'offline:' .. specialist)
  else
    go_offline(specialist)
    changed = true
  end
end
return {'ok', changed and '1' or '0', to_flat(specialist_view(specialist))}
