-- Shared by every transition script: Handup sends it in front of each script file.
-- Every script is called with
--   KEYS[1] = the floor's event stream (declared, so Redis Cluster routes the call to the floor's
--             slot; every other key the script touches carries the same {floor} hash tag)
--   ARGV[1] = the floor's key prefix, "handup:{floor}:"
--   ARGV[2] = now, epoch milliseconds
-- and replies {'ok', changed, request-as-flat-hash}, {'err', code, message} or {'gone'}.
local P = ARGV[1]
local NOW = ARGV[2]
local EVENTS = KEYS[1]
-- about a day of a busy floor; reports read the request hashes, never the stream
local STREAM_MAX = 200000

local function k(...)
  return P .. table.concat({...}, ':')
end

local function to_table(flat)
  local t = {}
  for i = 1, #flat, 2 do
    t[flat[i]] = flat[i + 1]
  end
  return t
end

local function to_flat(t)
  local flat = {}
  for f, v in pairs(t) do
    flat[#flat + 1] = f
    flat[#flat + 1] = v
  end
  return flat
end

local function load(id)
  local flat = redis.call('HGETALL', k('req', id))
  if #flat == 0 then
    return nil
  end
  return to_table(flat)
end

-- applies changes to r and writes them; '' removes a field
local function store(r, changes)
  local set, del = {}, {}
  for f, v in pairs(changes) do
    v = tostring(v)
    if v == '' then
      r[f] = nil
      del[#del + 1] = f
    else
      r[f] = v
      set[#set + 1] = f
      set[#set + 1] = v
    end
  end
  if #set > 0 then
    redis.call('HSET', k('req', r.id), unpack(set))
  end
  if #del > 0 then
    redis.call('HDEL', k('req', r.id), unpack(del))
  end
end

-- a waiting request with its place in line and the estimate (HelpRequests.views reads them the
-- same way), read in the step that changed it: every node forwards the event as it is, without
-- a round trip to Redis before the boards hear of it
local function with_place(r)
  if r.state ~= 'QUEUED' and r.state ~= 'OFFERED' then
    return r
  end
  local rank = redis.call('ZRANK', k('queue'), r.id)
  if not rank then
    return r
  end
  local copy = {}
  for f, v in pairs(r) do
    copy[f] = v
  end
  copy.position = rank + 1
  local waits = redis.call('LRANGE', k('recent-waits', r.urgent == '1' and 'urgent' or 'normal'), 0, -1)
  if #waits > 0 then
    local sum = 0
    for _, w in ipairs(waits) do
      sum = sum + tonumber(w)
    end
    copy.estimatedWait = math.floor(sum / #waits / 1000 * copy.position + 0.5)
  end
  return copy
end

-- appends to the floor's stream; extra field/value pairs say whom the event is for
local function emit(kind, data, ...)
  if kind == 'request' then
    data = with_place(data)
  end
  redis.call('XADD', EVENTS, 'MAXLEN', '~', STREAM_MAX, '*', 'kind', kind, 'data', cjson.encode(data), ...)
end

local function ok(r, changed)
  return {'ok', changed and '1' or '0', to_flat(r)}
end

local function fail(code, message)
  return {'err', code, message}
end

local function is_open(r)
  return r.state == 'QUEUED' or r.state == 'OFFERED' or r.state == 'CLAIMED'
end

local function is_waiting(r)
  return r.state == 'QUEUED' or r.state == 'OFFERED'
end

-- routing order: urgent first, then oldest
local function queue_score(r)
  local urgent = r.urgent == '1' and 0 or 10000000000000
  return urgent + tonumber(r.raisedAt)
end

local function in_reporting_line(r, specialist)
  return redis.call('SISMEMBER', k('chain', r.agentId), specialist) == 1
end

local function stop_timers(id)
  redis.call('ZREM', k('timers'), 'expire:' .. id, 'offer:' .. id)
end

-- the request has ended: off the queue, the open set, the timers and the agent's slot
local function close(r)
  redis.call('ZREM', k('queue'), r.id)
  redis.call('ZREM', k('open'), r.id)
  stop_timers(r.id)
  if redis.call('GET', k('agent-open', r.agentId)) == r.id then
    redis.call('DEL', k('agent-open', r.agentId))
  end
end

-- duty and rotation: time on and off the floor ---------------------------------------------------
local QUARTER_MS = 900000
local DAY_MS = 86400000
local FLOOR_TIME_TTL = 400 * 86400
-- what each status counts as; OFFLINE is not counted
local FLOOR_TIME_KIND = {AVAILABLE = 'on', OFF_FLOOR = 'off', AWAY = 'away'}

-- adds [from, to) to the floor-time counters, cut at quarter hours: every time zone is a whole
-- number of quarter hours off UTC, so reports can count days in any of them
local function add_floor_time(id, kind, from, to)
  -- a clock left running for longer than a week is a lost transition, not a week's work
  local t = math.max(from, to - 7 * DAY_MS)
  while t < to do
    local quarter = math.floor(t / QUARTER_MS)
    local stop = math.min((quarter + 1) * QUARTER_MS, to)
    local day = math.floor(t / DAY_MS)
    local key = k('floortime', string.format('%d', day))
    local field = id .. '|' .. string.format('%d', quarter - day * 96) .. '|' .. kind
    redis.call('HINCRBY', key, field, string.format('%d', stop - t))
    redis.call('EXPIRE', key, FLOOR_TIME_TTL)
    t = stop
  end
end

-- called on every presence event: when the status changed, the time in the old one is counted
-- and the clock starts on the new one; a break or going offline ends the rotation streak
local function floor_clock(id)
  local key = k('spec', id)
  local s = redis.call('HMGET', key, 'status', 'clockStatus', 'clockAt')
  local status = s[1] or 'OFFLINE'
  if s[2] == status then
    return
  end
  local now = tonumber(NOW)
  local kind = s[2] and FLOOR_TIME_KIND[s[2]]
  if kind and s[3] and now > tonumber(s[3]) then
    add_floor_time(id, kind, tonumber(s[3]), now)
    if kind == 'on' then
      redis.call('HINCRBY', key, 'streakMs', string.format('%d', now - tonumber(s[3])))
    end
  end
  redis.call('HSET', key, 'clockStatus', status, 'clockAt', NOW)
  if status == 'OFF_FLOOR' or status == 'OFFLINE' then
    redis.call('HSET', key, 'streakMs', '0', 'streakClaims', '0')
  end
end
-- -----------------------------------------------------------------------------------------------

local function specialist_view(id)
  local s = to_table(redis.call('HGETALL', k('spec', id)))
  return {id = id, name = s.name or id, status = s.status or 'OFFLINE', requestId = s.requestId or '',
    ['until'] = s.offUntil or ''}
end

-- reason, when given, tells the specialist why their presence changed (e.g. 'lapsed')
local function emit_presence(id, reason)
  floor_clock(id)
  local view = specialist_view(id)
  view.reason = reason
  emit('presence', view)
end

-- the request is no longer offered to anyone: free the specialist it was offered to
local function clear_offer(r)
  if r.offeredTo then
    local key = k('spec', r.offeredTo)
    if redis.call('HGET', key, 'offer') == r.id then
      redis.call('HDEL', key, 'offer')
    end
  end
end

-- a specialist who goes away or offline hands their pending offer back to the queue
local function withdraw_offer(specialist)
  local key = k('spec', specialist)
  local request_id = redis.call('HGET', key, 'offer')
  if not request_id then
    return
  end
  redis.call('HDEL', key, 'offer')
  local r = load(request_id)
  if r and r.state == 'OFFERED' and r.offeredTo == specialist then
    redis.call('ZREM', k('timers'), 'offer:' .. r.id)
    store(r, {state = 'QUEUED', offeredTo = '', offerExpiresAt = ''})
    emit('request', r)
  end
end

local function go_offline(specialist)
  redis.call('HSET', k('spec', specialist), 'status', 'OFFLINE')
  withdraw_offer(specialist)
  emit_presence(specialist)
end

-- the specialist now holds request_id, or nothing when it is ''
local function hold(specialist, request_id)
  local key = k('spec', specialist)
  if request_id == '' then
    if redis.call('HGET', key, 'requestId') then
      redis.call('HDEL', key, 'requestId')
      -- idle since now: offers go to whoever has been idle the longest
      redis.call('HSET', key, 'since', NOW)
    end
  else
    redis.call('HSET', key, 'requestId', request_id, 'lapses', '0')
  end
  emit_presence(specialist)
end

-- skill checks (docs/skills.md): a topic the floor has a check for counts as a specialist's skill
-- only while their latest result on it passed less than validity_ms ago; other topics are left
-- to the directory's skills
local function skill_check_passed(specialist, topic, validity_ms)
  if redis.call('SISMEMBER', k('skill-checks'), topic) == 0 then
    return true
  end
  local latest = redis.call('HGET', k('skill-latest', specialist), topic)
  if not latest then
    return false
  end
  local result = cjson.decode(latest)
  return result.passed == true and tonumber(NOW) - tonumber(result.at) < validity_ms
end

-- duty and rotation ------------------------------------------------------------------------------

-- on the duty roster now: inside one of their shifts; a specialist with no shift at all on the
-- roster is on duty when `unrostered` says so
local function on_duty(id, unrostered)
  local key = k('duty', id)
  local last = redis.call('ZREVRANGEBYSCORE', key, NOW, '-inf', 'LIMIT', 0, 1)
  if #last == 0 then
    return unrostered and redis.call('EXISTS', key) == 0
  end
  return tonumber(string.match(last[1], ':(%d+)$')) > tonumber(NOW)
end

-- a claim of the specialist ended: a specialist who reached a cap (continuous time on the floor,
-- consecutive claims; 0 is no cap) goes OFF_FLOOR for off_ms, back by the timer 'rejoin:<id>'
local function rotate(specialist, max_on_ms, max_claims, off_ms)
  local key = k('spec', specialist)
  local claims = redis.call('HINCRBY', key, 'streakClaims', 1)
  local s = to_table(redis.call('HGETALL', key))
  if s.status ~= 'AVAILABLE' or s.requestId then
    return
  end
  local on = tonumber(s.streakMs or '0')
  if s.clockStatus == 'AVAILABLE' and s.clockAt then
    on = on + tonumber(NOW) - tonumber(s.clockAt)
  end
  if (max_claims > 0 and claims >= max_claims) or (max_on_ms > 0 and on >= max_on_ms) then
    local back = string.format('%d', tonumber(NOW) + off_ms)
    redis.call('HSET', key, 'status', 'OFF_FLOOR', 'offUntil', back, 'offReason', 'rotation')
    withdraw_offer(specialist)
    redis.call('ZADD', k('timers'), back, 'rejoin:' .. specialist)
    emit_presence(specialist, 'rotation')
  end
end

-- why the specialist may not choose `status` now, or nil: no way back on the floor before a
-- rotation break is over
local function duty_refusal(specialist, status)
  if status ~= 'AVAILABLE' then
    return nil
  end
  local back = redis.call('HGET', k('spec', specialist), 'offUntil')
  if back and tonumber(back) > tonumber(NOW) then
    local minutes = math.ceil((tonumber(back) - tonumber(NOW)) / 60000)
    return 'On a rotation break: back on the floor in ' .. minutes .. ' min'
  end
  return nil
end

-- the status a specialist comes back online in: still OFF_FLOOR while a rotation break lasts
local function online_status(specialist)
  local back = redis.call('HGET', k('spec', specialist), 'offUntil')
  if back and tonumber(back) > tonumber(NOW) then
    return 'OFF_FLOOR'
  end
  return 'AVAILABLE'
end

-- knowledge base (kb-save.lua, kb-confirm.lua; resolve, cancel and review refer to entries)
-- entries: 'kb:entry:<id>' hash, 'kb:versions:<id>' list (newest first), 'kb:entries' zset by
-- update time, 'kb:corrections' zset of entries with an open correction, 'kb:changes' stream of
-- changed entry ids that every node's search index follows
local KB_CHANGES_MAX = 100000

local function kb_entry_exists(id)
  return redis.call('EXISTS', k('kb', 'entry', id)) == 1
end

local function kb_changed(id)
  redis.call('XADD', k('kb', 'changes'), 'MAXLEN', '~', KB_CHANGES_MAX, '*', 'id', id)
end

-- a manager confirmed that an answer from this entry was wrong: the entry needs correcting
-- (correctionAt marks it open; the manager's text of the right answer may be empty)
local function kb_open_correction(id, request_id, by, text)
  local key = k('kb', 'entry', id)
  redis.call('HSET', key, 'correctionRequestId', request_id, 'correctionBy', by, 'correctionAt', NOW)
  if text ~= '' then
    redis.call('HSET', key, 'correction', text)
  else
    redis.call('HDEL', key, 'correction')
  end
  redis.call('ZADD', k('kb', 'corrections'), NOW, id)
  kb_changed(id)
end
