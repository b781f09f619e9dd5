-- decline: the specialist turns an offer down; the request waits for the next one.
-- ARGV: 3 specialistId, 4 requestId
local specialist = ARGV[3]
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
local declined = k('declined', r.id)
if r.state ~= 'OFFERED' or r.offeredTo ~= specialist then
  if redis.call('SISMEMBER', declined, specialist) == 1 then
    return ok(r, false)
  end
  return fail('conflict', 'There is no offer of this request to you')
end
redis.call('ZREM', k('timers'), 'offer:' .. r.id)
clear_offer(r)
redis.call('SADD', declined, specialist)
redis.call('EXPIRE', declined, 86400)
store(r, {state = 'QUEUED', offeredTo = '', offerExpiresAt = ''})
emit('request', r)
return ok(r, true)
