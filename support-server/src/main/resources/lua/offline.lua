-- offline: the grace period after a specialist's last socket closed has passed. Fired once across
-- all nodes: whoever removes the timer. A socket opened meanwhile keeps them online.
-- ARGV: 3 specialistId, 4 timer member
local specialist = ARGV[3]
if redis.call('ZREM', k('timers'), ARGV[4]) == 0 then
  return {'gone'}
end
local conns = k('conns', specialist)
redis.call('ZREMRANGEBYSCORE', conns, '-inf', NOW)
local status = redis.call('HGET', k('spec', specialist), 'status')
if redis.call('ZCARD', conns) > 0 or not status or status == 'OFFLINE' then
  return {'gone'}
end
go_offline(specialist)
return {'ok', '1', to_flat(specialist_view(specialist))}
