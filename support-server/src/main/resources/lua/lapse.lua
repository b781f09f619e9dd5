-- lapse: an offer's time ran out; the request waits again, and a specialist who lets offers
-- lapse too often in a row is set AWAY. Fired once across all nodes: whoever removes the timer.
-- ARGV: 3 requestId, 4 timer member, 5 lapses before AWAY
if redis.call('ZREM', k('timers'), ARGV[4]) == 0 then
  return {'gone'}
end
local r = load(ARGV[3])
if not r or r.state ~= 'OFFERED' then
  return {'gone'}
end
local specialist = r.offeredTo
clear_offer(r)
redis.call('SADD', k('declined', r.id), specialist)
redis.call('EXPIRE', k('declined', r.id), 86400)
store(r, {state = 'QUEUED', offeredTo = '', offerExpiresAt = ''})
emit('request', r)
local key = k('spec', specialist)
local lapses = redis.call('HINCRBY', key, 'lapses', 1)
redis.call('HINCRBY', key, 'lapsedTotal', 1)
if lapses >= tonumber(ARGV[5]) and redis.call('HGET', key, 'status') == 'AVAILABLE' then
  redis.call('HSET', key, 'status', 'AWAY', 'lapses', '0')
  emit_presence(specialist, 'lapsed')
end
return ok(r, true)
