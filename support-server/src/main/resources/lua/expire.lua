-- expire: nobody claimed the request in time; it counts as abandoned. Fired once across all
-- nodes: whoever removes the timer.
-- ARGV: 3 requestId, 4 timer member
if redis.call('ZREM', k('timers'), ARGV[4]) == 0 then
  return {'gone'}
end
local r = load(ARGV[3])
if not r or not is_waiting(r) then
  return {'gone'}
end
clear_offer(r)
close(r)
store(r, {state = 'EXPIRED', expiredAt = NOW, offeredTo = '', offerExpiresAt = ''})
emit('request', r)
return ok(r, true)
