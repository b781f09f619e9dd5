-- raise: an agent asks for help. Idempotent by clientKey; one open request per agent.
-- ARGV: 3 agentId, 4 clientKey, 5 agentName, 6 seat, 7 topic, 8 urgent, 9 note, 10 expiry ms,
--       11 floor, 12 clientKey ttl s
local agent, client_key = ARGV[3], ARGV[4]
local ck = k('ck', agent, client_key)

local known = redis.call('GET', ck)
if known then
  local r = load(known)
  if r then
    return ok(r, false)
  end
end
local open_id = redis.call('GET', k('agent-open', agent))
if open_id then
  local r = load(open_id)
  if r and is_open(r) then
    redis.call('SET', ck, open_id, 'EX', ARGV[12])
    return ok(r, false)
  end
end

local id = 'r' .. redis.call('INCR', k('seq'))
local r = {id = id}
store(r, {
  id = id, floor = ARGV[11], agentId = agent, agentName = ARGV[5], seat = ARGV[6],
  topic = ARGV[7], urgent = ARGV[8], note = ARGV[9], state = 'QUEUED', raisedAt = NOW,
  clientKey = client_key, rated = '0'
})
redis.call('ZADD', k('queue'), queue_score(r), id)
redis.call('ZADD', k('open'), NOW, id)
redis.call('ZADD', k('history'), NOW, id)
redis.call('ZADD', k('mine', agent), NOW, id)
redis.call('SET', k('agent-open', agent), id)
redis.call('SET', ck, id, 'EX', ARGV[12])
redis.call('ZADD', k('timers'), tonumber(NOW) + tonumber(ARGV[10]), 'expire:' .. id)
emit('request', r)
return ok(r, true)
