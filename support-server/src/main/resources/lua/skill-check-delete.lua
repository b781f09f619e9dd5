-- skill-check-delete: removes a topic's check, so the topic routes by the directory's skills
-- again. Results stay: they are the specialists' history.
-- ARGV: 3 topic, 4 expected version or ''
local topic = ARGV[3]
local key = k('skill-check', topic)
local current = redis.call('HGET', key, 'version')
if not current then
  return fail('not_found', "There is no skill check on topic '" .. topic .. "'")
end
if ARGV[4] ~= '' and ARGV[4] ~= current then
  return fail('conflict', 'The check on ' .. topic .. ' is at version ' .. current
    .. ' now, not ' .. ARGV[4])
end
redis.call('DEL', key)
redis.call('SREM', k('skill-checks'), topic)
return {'ok', '1', {}}
