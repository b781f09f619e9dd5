-- say: a chat line between the agent and the specialist on the request. The specialist's first
-- line counts as arriving.
-- ARGV: 3 userId, 4 requestId, 5 text, 6 role (AGENT or SPECIALIST), 7 name
local user, role = ARGV[3], ARGV[6]
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if role == 'AGENT' and r.agentId ~= user then
  return fail('forbidden', 'This is not your request')
end
if role == 'SPECIALIST' and r.specialistId ~= user then
  return fail('forbidden', 'Only the specialist who claimed it can chat on this request')
end
if r.state ~= 'CLAIMED' then
  return fail('conflict', 'Chat is open while a specialist has the request claimed')
end
local line = {requestId = r.id, from = user, fromName = ARGV[7], text = ARGV[5], at = NOW}
redis.call('RPUSH', k('chat', r.id), cjson.encode(line))
redis.call('EXPIRE', k('chat', r.id), 7 * 86400)
emit('said', line, 'agent', r.agentId, 'specialist', r.specialistId)
local changed = false
if role == 'SPECIALIST' and not r.arrivedAt then
  store(r, {arrivedAt = NOW})
  emit('request', r)
  changed = true
end
return ok(r, changed)
