-- kb-save: a specialist or manager writes a knowledge entry: a new one (optionally from a request
-- they resolved, which then links the entry) or a new version of an existing one. An edit names
-- the version it was made from; if the entry moved on meanwhile the edit is refused ('conflict')
-- rather than silently overwriting someone else's words. A new version is unconfirmed, and it is
-- the correction of an open correction, which it closes.
-- ARGV: 3 mode ('create' or 'edit'), 4 entryId, 5 actorId, 6 actorName, 7 topic, 8 question,
--       9 answer, 10 the version edited (edit), 11 requestId ('' for none; create),
--       12 '1' when that request must have been resolved by the actor, 13 floor
local mode, id, actor, actor_name = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local topic, question, answer = ARGV[7], ARGV[8], ARGV[9]
local key = k('kb', 'entry', id)

local function entry()
  local flat = redis.call('HGETALL', key)
  if #flat == 0 then
    return nil
  end
  return to_table(flat)
end

-- applies changes to e and writes them; '' removes a field
local function write(e, changes)
  local set, del = {}, {}
  for f, v in pairs(changes) do
    v = tostring(v)
    if v == '' then
      e[f] = nil
      del[#del + 1] = f
    else
      e[f] = v
      set[#set + 1] = f
      set[#set + 1] = v
    end
  end
  if #set > 0 then
    redis.call('HSET', key, unpack(set))
  end
  if #del > 0 then
    redis.call('HDEL', key, unpack(del))
  end
end

local function version_record(e, extra)
  local v = {
    version = tonumber(e.version), topic = e.topic or '', question = e.question,
    answer = e.answer, by = actor, byName = actor_name, at = tonumber(NOW)
  }
  for f, x in pairs(extra) do
    v[f] = x
  end
  redis.call('LPUSH', k('kb', 'versions', id), cjson.encode(v))
end

local function saved(e)
  redis.call('ZADD', k('kb', 'entries'), NOW, id)
  kb_changed(id)
  return ok(e, true)
end

if mode == 'create' then
  local e = entry()
  if e then
    -- the same call again (the id is made once per call)
    return ok(e, false)
  end
  local request_id = ARGV[11]
  local r = nil
  if request_id ~= '' then
    r = load(request_id)
    if not r then
      return fail('not_found', 'No request ' .. request_id)
    end
    if r.state ~= 'RESOLVED' then
      return fail('conflict', 'Only a resolved request can become an entry; this one is ' .. string.lower(r.state))
    end
    if ARGV[12] == '1' and r.specialistId ~= actor then
      return fail('forbidden', 'Resolved by ' .. (r.specialistName or 'someone else') .. ', not by you')
    end
    if r.entryId and kb_entry_exists(r.entryId) then
      return fail('conflict', 'This request is already linked to entry ' .. r.entryId .. '; edit that one')
    end
  end
  e = {}
  write(e, {
    id = id, floor = ARGV[13], topic = topic, question = question, answer = answer,
    ownerId = actor, ownerName = actor_name, version = 1, createdAt = NOW, updatedAt = NOW,
    updatedBy = actor, updatedByName = actor_name, requestId = request_id
  })
  version_record(e, request_id ~= '' and {requestId = request_id} or {})
  if r then
    store(r, {entryId = id})
    emit('request', r)
  end
  return saved(e)
end

-- edit
local e = entry()
if not e then
  return fail('not_found', 'No knowledge entry ' .. id)
end
local expected = tonumber(ARGV[10])
local current = tonumber(e.version)
if current ~= expected then
  -- a retry of the edit that made the current version is acknowledged as it stands
  if current == expected + 1 and e.updatedBy == actor and e.question == question
      and e.answer == answer and (e.topic or '') == topic then
    return ok(e, false)
  end
  return fail('conflict', 'The entry changed meanwhile: it is at version ' .. current .. ' now, not ' .. ARGV[10])
end
local closes = {}
if e.correctionAt then
  closes = {closesCorrection = e.correctionRequestId or ''}
  redis.call('ZREM', k('kb', 'corrections'), id)
end
write(e, {
  topic = topic, question = question, answer = answer, version = current + 1, updatedAt = NOW,
  updatedBy = actor, updatedByName = actor_name,
  confirmedBy = '', confirmedByName = '', confirmedAt = '', confirmedVersion = '',
  correction = '', correctionRequestId = '', correctionBy = '', correctionAt = ''
})
version_record(e, closes)
return saved(e)
