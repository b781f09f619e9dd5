-- claim: a specialist takes a request; first claim wins. Never inside the reporting line.
-- ARGV: 3 specialistId, 4 specialistName, 5 requestId, 6 specialistSeat
local specialist, name = ARGV[3], ARGV[4]
local r = load(ARGV[5])
if not r then
  return fail('not_found', 'No request ' .. ARGV[5])
end
if r.state == 'CLAIMED' and r.specialistId == specialist then
  return ok(r, false)
end
if in_reporting_line(r, specialist) then
  return fail('reporting_line', r.agentName .. ' is in your reporting line: another specialist will help')
end
if r.state == 'CLAIMED' then
  return fail('conflict', 'Already claimed by ' .. r.specialistName)
end
if not is_waiting(r) then
  return fail('conflict', 'The request has already ended: ' .. string.lower(r.state))
end
local holding = redis.call('HGET', k('spec', specialist), 'requestId')
if holding and holding ~= r.id then
  return fail('conflict', 'You already hold request ' .. holding .. ': resolve or release it first')
end
redis.call('ZREM', k('queue'), r.id)
stop_timers(r.id)
clear_offer(r)
store(r, {
  state = 'CLAIMED', specialistId = specialist, specialistName = name, specialistSeat = ARGV[6],
  claimedAt = NOW,
  offeredTo = '', offerExpiresAt = ''
})
redis.call('HSET', k('spec', specialist), 'name', name)
-- busy now: an offer of another request goes to someone else
withdraw_offer(specialist)
-- recent waits, for the estimate shown to waiting agents
local waits = k('recent-waits', r.urgent == '1' and 'urgent' or 'normal')
redis.call('LPUSH', waits, tonumber(NOW) - tonumber(r.raisedAt))
redis.call('LTRIM', waits, 0, 19)
emit('request', r)
hold(specialist, r.id)
return ok(r, true)
