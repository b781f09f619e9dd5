-- rollup: folds one request, as it stands now, into the rollups of the day it was raised on.
-- Not a transition: the rollup follower runs it for each event of the floor's stream (and the
-- reports for a day whose rollup is short), so it must be safe to run any number of times and in
-- any order. It keeps, per request, the signature it last folded in (the ':applied' hash) and
-- swaps that for the request's signature now: subtract the old, add the new. Run twice, the
-- second run finds the same signature and changes nothing; run late, it still folds in the
-- request as it is now. docs/metrics.md says what the fields mean.
-- ARGV: 3 requestId, 4 rollup tag (zone@target ms/layout), 5 day (yyyy-mm-dd in that zone),
--       6 hour of the day raised (0-23, in that zone), 7 service-level target in ms
-- Replies 1 when the rollup changed, 0 when it already held the request as it is.
local id, tag, day, hour, target = ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local base = k('rollup', tag, day)
local SEP = '\31'
-- the floor's histograms' buckets (Histogram.java mirrors this): one second wide up to 10
-- minutes, one minute wide up to 4 hours, then one bucket for everything longer
local BUCKETS = 831

local function bucket(ms)
  local s = math.floor(ms / 1000)
  if s < 0 then
    return 0
  end
  if s < 600 then
    return s
  end
  local m = math.floor((s - 600) / 60)
  if m < 230 then
    return 600 + m
  end
  return 830
end

-- the cells' coarser buckets (Histogram.Layout.CELL): 1 s wide up to 1 minute, 10 s up to 10
-- minutes, 1 minute up to 1 hour, 10 minutes up to 4 hours, then one bucket
local CELL_BUCKETS = 183

local function cell_bucket(ms)
  local s = math.floor(ms / 1000)
  if s < 0 then
    return 0
  elseif s < 60 then
    return s
  elseif s < 600 then
    return 60 + math.floor((s - 60) / 10)
  elseif s < 3600 then
    return 114 + math.floor((s - 600) / 60)
  elseif s < 14400 then
    return 164 + math.floor((s - 3600) / 600)
  end
  return 182
end

local function num(v)
  return string.format('%d', v)
end

local function span(from, to)
  if from == nil or to == nil then
    return ''
  end
  return num(tonumber(to) - tonumber(from))
end

-- everything about the request that a figure depends on, in one string
local function signature(r)
  local state = 'open'
  if r.state == 'RESOLVED' then
    state = 'resolved'
  elseif r.state == 'CANCELLED' then
    state = 'cancelled'
  elseif r.state == 'EXPIRED' then
    state = 'expired'
  end
  local claimed = r.claimedAt ~= nil
  local wait = span(r.raisedAt, r.claimedAt)
  local within = claimed and tonumber(wait) <= target
  local self_served = state == 'cancelled' and r.cancelReason == 'self_served'
  -- the knowledge base answered it while the agent waited: help came, nothing was abandoned
  local abandoned = state == 'expired' or (state == 'cancelled' and not claimed and not self_served)
  local handle = ''
  if state == 'resolved' then
    handle = span(r.claimedAt, r.resolvedAt)
  end
  local score = ''
  if r.rated == '1' and r.score ~= nil then
    score = r.score
  end
  local spec = ''
  if claimed and r.specialistId ~= nil then
    spec = r.specialistId
  end
  return table.concat({
    hour, r.topic or '', spec, state, claimed and '1' or '0', within and '1' or '0',
    abandoned and '1' or '0', wait, span(r.claimedAt, r.arrivedAt), handle, score,
    r.flagged == '1' and '1' or '0', r.reviewVerdict == 'CONFIRMED' and '1' or '0',
    self_served and '1' or '0'
  }, SEP)
end

local function decode(sig)
  local f = {}
  for part in string.gmatch(sig .. SEP, '([^' .. SEP .. ']*)' .. SEP) do
    f[#f + 1] = part
  end
  return {
    hour = f[1], topic = f[2], spec = f[3], state = f[4], claimed = f[5] == '1',
    within = f[6] == '1', abandoned = f[7] == '1', wait = f[8], walk = f[9], handle = f[10],
    score = f[11], flagged = f[12] == '1', confirmed = f[13] == '1', selfServed = f[14] == '1'
  }
end

-- a field that drops to 0 goes, so the floor's hash and the claimers' hash keep only what counts
local function incr(key, field, by)
  if by == 0 then
    return 0
  end
  local v = redis.call('HINCRBY', key, field, by)
  if v == 0 then
    redis.call('HDEL', key, field)
  end
  return v
end

-- one request's share of a cell's figures: its counters by name and its durations by kind
-- (w wait, k walk, h handle)
local function figures(s)
  local c = {n = 1}
  c[s.state] = 1
  local d = {}
  if s.claimed then
    c.claimed = 1
    c.waitSum = tonumber(s.wait)
    d.w = tonumber(s.wait)
    if s.within then
      c.within = 1
    end
  end
  if s.abandoned then
    c.abandoned = 1
  end
  if s.walk ~= '' then
    c.walkN = 1
    c.walkSum = tonumber(s.walk)
    d.k = tonumber(s.walk)
  end
  if s.handle ~= '' then
    c.handleN = 1
    c.handleSum = tonumber(s.handle)
    d.h = tonumber(s.handle)
  end
  if s.score ~= '' then
    c.ratingN = 1
    c.ratingSum = tonumber(s.score)
  end
  if s.flagged then
    c.flags = 1
  end
  if s.confirmed then
    c.confirmed = 1
  end
  if s.selfServed then
    c.selfServed = 1
  end
  return c, d
end

-- a cell of an hour, topic or specialist: one slot of CELL_STRIDE bytes in the day's string of
-- cells, its counters (signed 64-bit, in Cell.COUNTERS's order) then its wait, walk and handle
-- histograms (unsigned 32-bit) in the cells' buckets, so that a report reads all the cells of a
-- day with one GET however many requests they count (Cell.java reads this)
local COUNTERS = {
  'n', 'open', 'resolved', 'cancelled', 'expired', 'claimed', 'within', 'abandoned', 'waitSum',
  'walkN', 'walkSum', 'handleN', 'handleSum', 'ratingN', 'ratingSum', 'flags', 'confirmed',
  'selfServed', 'claimers'
}
local CELL_STRIDE = #COUNTERS * 8 + 3 * CELL_BUCKETS * 4
local KIND = {w = 0, k = 1, h = 2}

local function dense(key, slot, c, d, sign)
  local at = slot * CELL_STRIDE * 8
  local args = {}
  for i, name in ipairs(COUNTERS) do
    local v = c[name]
    if v ~= nil and v ~= 0 then
      args[#args + 1] = 'INCRBY'
      args[#args + 1] = 'i64'
      args[#args + 1] = num(at + (i - 1) * 64)
      args[#args + 1] = num(sign * v)
    end
  end
  local hist = at + #COUNTERS * 64
  for kind, ms in pairs(d) do
    args[#args + 1] = 'INCRBY'
    args[#args + 1] = 'u32'
    args[#args + 1] = num(hist + (KIND[kind] * CELL_BUCKETS + cell_bucket(ms)) * 32)
    args[#args + 1] = num(sign)
  end
  redis.call('BITFIELD', key, unpack(args))
end

-- a topic's or specialist's slot in the day's string of cells, given on first use and kept
local function slot(index, cell)
  local at = redis.call('HGET', index, cell .. '|slot')
  if at then
    return tonumber(at)
  end
  at = redis.call('HINCRBY', index, 'slots', 1) - 1
  redis.call('HSET', index, cell .. '|slot', at)
  return at
end

local OFFSET = {w = 0, k = BUCKETS, h = 2 * BUCKETS}

-- adds (sign 1) or takes away (sign -1) one request's share of the day's figures
local function apply(s, sign)
  local c, d = figures(s)
  -- the floor's day: counters in a hash, histograms as one string of 3 x 831 counters (u32,
  -- big-endian) that a report reads with one GET
  for name, v in pairs(c) do
    incr(base, name, sign * v)
  end
  for kind, ms in pairs(d) do
    redis.call('BITFIELD', base .. ':hist', 'INCRBY', 'u32', '#' .. (OFFSET[kind] + bucket(ms)), sign)
  end
  -- who claimed in this hour: the staffing table counts distinct specialists per day, kept as the
  -- hour's 'claimers' counter, which moves when a specialist's count there leaves or reaches 0
  c.claimers = nil
  if s.spec ~= '' then
    local n = incr(base .. ':claimers', s.hour .. '|' .. s.spec, sign)
    if (sign > 0 and n == 1) or (sign < 0 and n == 0) then
      c.claimers = 1
    end
  end
  dense(base .. ':hours:cells', tonumber(s.hour), c, d, sign)
  c.claimers = nil
  dense(base .. ':topics:cells', slot(base .. ':topics', s.topic), c, d, sign)
  if s.spec ~= '' then
    dense(base .. ':specs:cells', slot(base .. ':specs', s.spec), c, d, sign)
  end
end

local applied = base .. ':applied'
local r = load(id)
local now = ''
if r and r.raisedAt then
  now = signature(r)
end
local before = redis.call('HGET', applied, id) or ''
if before == now then
  return 0
end
if before ~= '' then
  apply(decode(before), -1)
end
if now ~= '' then
  apply(decode(now), 1)
  redis.call('HSET', applied, id, now)
  if r.specialistId and r.specialistName then
    redis.call('HSET', base .. ':specs', r.specialistId .. '|name', r.specialistName)
  end
else
  redis.call('HDEL', applied, id)
end
return 1
