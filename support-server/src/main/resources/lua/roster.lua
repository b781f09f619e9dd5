-- roster: adds shifts to the duty roster, all or none. A shift may not overlap another of the same
-- specialist (the caller checked the new ones among themselves). Shifts that started more than
-- 92 days ago are dropped.
-- ARGV: 3.. triples of specialistId, start ms, end ms
local shifts = {}
for i = 3, #ARGV, 3 do
  shifts[#shifts + 1] = {id = ARGV[i], start = tonumber(ARGV[i + 1]), stop = tonumber(ARGV[i + 2])}
end
for _, s in ipairs(shifts) do
  -- shifts never overlap, so only the last one starting before this one ends can
  local before = redis.call('ZREVRANGEBYSCORE', k('duty', s.id), '(' .. string.format('%d', s.stop),
    '-inf', 'WITHSCORES', 'LIMIT', 0, 1)
  if #before > 0 and tonumber(string.match(before[1], ':(%d+)$')) > s.start then
    return fail('bad_request', s.id .. ' already has a shift that overlaps this one')
  end
end
local oldest = string.format('%d', tonumber(NOW) - 92 * 86400000)
for _, s in ipairs(shifts) do
  local key = k('duty', s.id)
  local start = string.format('%d', s.start)
  redis.call('ZADD', key, start, start .. ':' .. string.format('%d', s.stop))
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. oldest)
end
return {'ok', '1', {'added', tostring(#shifts)}}
