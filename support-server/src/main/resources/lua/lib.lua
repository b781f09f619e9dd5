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

-- appends to the floor's stream; extra field/value pairs say whom the event is for
local function emit(kind, data, ...)
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

local function specialist_view(id)
  local s = to_table(redis.call('HGETALL', k('spec', id)))
  return {id = id, name = s.name or id, status = s.status or 'OFFLINE', requestId = s.requestId or ''}
end

-- reason, when given, tells the specialist why their presence changed (e.g. 'lapsed')
local function emit_presence(id, reason)
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
