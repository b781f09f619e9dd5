-- rollup: folds one request, as it stands now, into the rollups of the day it was raised on.
-- Not a transition: the rollup follower runs it for each event of the floor's stream (and the
-- reports for a day whose rollup is short), so it must be safe to run any number of times and in
-- any order. It keeps, per request, the signature it last folded in (the ':applied' hash) and
-- swaps that for the request's signature now: subtract the old, add the new. Run twice, the
-- second run finds the same signature and changes nothing; run late, it still folds in the
-- request as it is now. docs/metrics.md says what the fields mean.
-- ARGV: 3 requestId, 4 rollup tag (zone@target ms), 5 day (yyyy-mm-dd in that zone),
--       6 hour of the day raised (0-23, in that zone), 7 service-level target in ms
-- Replies 1 when the rollup changed, 0 when it already held the request as it is.
local id, tag, day, hour, target = ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local base = k('rollup', tag, day)
local SEP = '\31'
-- the histograms' buckets (Histogram.java mirrors this): one second wide up to 10 minutes,
-- one minute wide up to 4 hours, then one bucket for everything longer
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

-- a field that drops to 0 goes, so the per-hour, topic and specialist hashes stay sparse
local function incr(key, field, by)
  if by == 0 then
    return
  end
  if redis.call('HINCRBY', key, field, by) == 0 then
    redis.call('HDEL', key, field)
  end
end

-- adds (sign 1) or takes away (sign -1) one request's share of one cell's figures; hist(kind,
-- ms) counts a duration in the cell's histogram of that kind (w wait, k walk, h handle)
local function cell(key, c, s, sign, hist)
  incr(key, c .. 'n', sign)
  incr(key, c .. s.state, sign)
  if s.claimed then
    incr(key, c .. 'claimed', sign)
    incr(key, c .. 'waitSum', sign * tonumber(s.wait))
    hist('w', tonumber(s.wait))
    if s.within then
      incr(key, c .. 'within', sign)
    end
  end
  if s.abandoned then
    incr(key, c .. 'abandoned', sign)
  end
  if s.walk ~= '' then
    incr(key, c .. 'walkN', sign)
    incr(key, c .. 'walkSum', sign * tonumber(s.walk))
    hist('k', tonumber(s.walk))
  end
  if s.handle ~= '' then
    incr(key, c .. 'handleN', sign)
    incr(key, c .. 'handleSum', sign * tonumber(s.handle))
    hist('h', tonumber(s.handle))
  end
  if s.score ~= '' then
    incr(key, c .. 'ratingN', sign)
    incr(key, c .. 'ratingSum', sign * tonumber(s.score))
  end
  if s.flagged then
    incr(key, c .. 'flags', sign)
  end
  if s.confirmed then
    incr(key, c .. 'confirmed', sign)
  end
  if s.selfServed then
    incr(key, c .. 'selfServed', sign)
  end
end

local OFFSET = {w = 0, k = BUCKETS, h = 2 * BUCKETS}

local function apply(s, sign)
  -- the floor's day: counters in a hash, histograms as one string of 3 x 831 counters (u32,
  -- big-endian) that a report reads with one GET
  cell(base, '', s, sign, function(kind, ms)
    redis.call('BITFIELD', base .. ':hist', 'INCRBY', 'u32', '#' .. (OFFSET[kind] + bucket(ms)), sign)
  end)
  local function sparse(key, c)
    return function(kind, ms)
      incr(key, c .. kind .. bucket(ms), sign)
    end
  end
  local hours = base .. ':hours'
  local hc = s.hour .. '|'
  cell(hours, hc, s, sign, sparse(hours, hc))
  if s.spec ~= '' then
    -- who claimed in this hour: the staffing table counts distinct specialists per day
    incr(hours, hc .. 's:' .. s.spec, sign)
  end
  local topics = base .. ':topics'
  local tc = s.topic .. '|'
  cell(topics, tc, s, sign, sparse(topics, tc))
  if s.spec ~= '' then
    local specs = base .. ':specs'
    local sc = s.spec .. '|'
    cell(specs, sc, s, sign, sparse(specs, sc))
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
