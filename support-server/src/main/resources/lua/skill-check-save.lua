-- skill-check-save: writes a topic's skill check, one version up. With an expected version, only
-- over that version (0: only when the topic has none yet), so two managers never overwrite each
-- other unseen.
-- ARGV: 3 topic, 4 body (JSON), 5 expected version or '', 6 author id, 7 author name
local topic = ARGV[3]
local key = k('skill-check', topic)
local current = tonumber(redis.call('HGET', key, 'version') or '0')
if ARGV[5] ~= '' and tonumber(ARGV[5]) ~= current then
  return fail('conflict', 'The check on ' .. topic .. ' is at version ' .. current
    .. ' now, not ' .. ARGV[5] .. '; reload it and edit again')
end
local version = current + 1
redis.call('HSET', key, 'body', ARGV[4], 'version', version, 'updatedAt', NOW,
  'author', ARGV[6], 'authorName', ARGV[7])
redis.call('SADD', k('skill-checks'), topic)
return {'ok', '1', {'version', tostring(version), 'updatedAt', NOW}}
