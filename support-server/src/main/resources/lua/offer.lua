-- offer: hands waiting requests to free specialists: the most urgent, then oldest, request first,
-- each to the eligible specialist idle the longest. Eligible: AVAILABLE, holding nothing, no
-- other offer pending, not in the requester's reporting line, not having turned this request
-- down, and skilled in its topic until one offer timeout has passed with no skilled taker. A skill
-- whose topic has a check counts only while the specialist's latest check passed within validity.
-- Specialists off duty by the roster are not eligible.
-- ARGV: 3 offer timeout ms, 4 how many waiting requests to look at, 5 skill check validity ms,
-- 6 '1' when specialists not on the roster are on duty
local timeout = tonumber(ARGV[3])
local skill_check_validity = tonumber(ARGV[5])
local now = tonumber(NOW)

-- most runs find nobody waiting (every change on the floor asks for one): the queue is read first,
-- so such a run costs a read or two instead of a look at every specialist
local waiting = {}
for _, request_id in ipairs(redis.call('ZRANGE', k('queue'), 0, tonumber(ARGV[4]) - 1)) do
  local r = load(request_id)
  if r and r.state == 'QUEUED' then
    waiting[#waiting + 1] = r
  end
end
if #waiting == 0 then
  return {'ok', '0', {}}
end

local free = {}
for _, id in ipairs(redis.call('SMEMBERS', k('specs'))) do
  local s = redis.call('HMGET', k('spec', id), 'status', 'requestId', 'offer', 'since')
  if s[1] == 'AVAILABLE' and not s[2] and not s[3] and on_duty(id, ARGV[6] == '1') then
    free[#free + 1] = {id = id, since = tonumber(s[4] or '0')}
  end
end
if #free == 0 then
  return {'ok', '0', {}}
end
table.sort(free, function(a, b)
  if a.since == b.since then
    return a.id < b.id
  end
  return a.since < b.since
end)

local made = {}
for _, r in ipairs(waiting) do
  if #free == 0 then
    break
  end
  local any_skill = not r.topic or now >= tonumber(r.raisedAt) + timeout
  local declined = k('declined', r.id)
  for i, s in ipairs(free) do
    if not in_reporting_line(r, s.id)
        and redis.call('SISMEMBER', declined, s.id) == 0
        and (any_skill
          or (redis.call('SISMEMBER', k('skills', s.id), r.topic) == 1
            and skill_check_passed(s.id, r.topic, skill_check_validity))) then
      local expires_at = now + timeout
      store(r, {state = 'OFFERED', offeredTo = s.id, offerExpiresAt = expires_at})
      redis.call('HSET', k('spec', s.id), 'offer', r.id)
      redis.call('ZADD', k('timers'), expires_at, 'offer:' .. r.id)
      emit('request', r)
      emit('offer', r, 'to', s.id)
      made[#made + 1] = r.id
      made[#made + 1] = s.id
      table.remove(free, i)
      break
    end
  end
end
return {'ok', #made > 0 and '1' or '0', made}
