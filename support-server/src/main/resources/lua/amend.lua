-- amend: the agent adds a topic, the urgent mark or a note while still waiting.
-- ARGV: 3 agentId, 4 requestId, 5 topic ('-' keeps), 6 urgent ('-' keeps), 7 note ('-' keeps)
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.agentId ~= ARGV[3] then
  return fail('forbidden', 'This is not your request')
end
if not is_waiting(r) then
  return fail('conflict', 'Only a waiting request can be changed; this one is ' .. string.lower(r.state))
end
local changes = {}
if ARGV[5] ~= '-' then changes.topic = ARGV[5] end
if ARGV[6] ~= '-' then changes.urgent = ARGV[6] end
if ARGV[7] ~= '-' then changes.note = ARGV[7] end
store(r, changes)
redis.call('ZADD', k('queue'), queue_score(r), r.id)
emit('request', r)
return ok(r, true)
