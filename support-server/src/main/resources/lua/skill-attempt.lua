-- skill-attempt: keeps a graded attempt as the specialist's latest result on the topic (what
-- offer.lua reads) and at the head of their history. Graded in Java against one version of the
-- check; refused when the check changed since.
-- ARGV: 3 specialist, 4 topic, 5 version graded, 6 passed '1'/'0', 7 score, 8 correct, 9 total,
--       10 how many results to keep, 11 ms after a failed attempt before the next may be taken
local specialist, topic = ARGV[3], ARGV[4]
local version = redis.call('HGET', k('skill-check', topic), 'version')
if not version then
  return fail('not_found', "There is no skill check on topic '" .. topic .. "'")
end
if version ~= ARGV[5] then
  return fail('conflict', 'The check was changed while you took it; please take it again')
end
-- trying answers until one passes would make the check worthless: a failure waits a while
local last = redis.call('HGET', k('skill-latest', specialist), topic)
if last then
  last = cjson.decode(last)
  local wait = tonumber(ARGV[11])
  if not last.passed and tonumber(NOW) < last.at + wait then
    return fail('rate_limited', 'A failed check can be taken again '
      .. math.ceil(wait / 60000) .. ' minutes after the attempt; next from '
      .. math.ceil((last.at + wait - tonumber(NOW)) / 60000) .. ' minutes from now')
  end
end
local result = cjson.encode({
  topic = topic,
  passed = ARGV[6] == '1',
  score = tonumber(ARGV[7]),
  correct = tonumber(ARGV[8]),
  total = tonumber(ARGV[9]),
  at = tonumber(NOW),
  version = tonumber(version)
})
redis.call('HSET', k('skill-latest', specialist), topic, result)
redis.call('LPUSH', k('skill-history', specialist), result)
redis.call('LTRIM', k('skill-history', specialist), 0, tonumber(ARGV[10]) - 1)
return {'ok', '1', {'at', NOW}}
