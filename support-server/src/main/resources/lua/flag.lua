-- flag: the agent found out later the same day that the answer was wrong; once.
-- ARGV: 3 agentId, 4 requestId, 5 reason, 6 start of today, epoch ms
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.agentId ~= ARGV[3] then
  return fail('forbidden', 'This is not your request')
end
if r.state ~= 'RESOLVED' then
  return fail('conflict', 'Only an answered request can be flagged')
end
if r.flagged == '1' then
  return fail('conflict', 'This answer has already been flagged')
end
if tonumber(r.resolvedAt) < tonumber(ARGV[6]) then
  return fail('conflict', "Only today's answers can be flagged")
end
store(r, {flagged = '1', flaggedAt = NOW, flagReason = ARGV[5]})
redis.call('ZADD', k('review'), NOW, r.id)
emit('request', r)
return ok(r, true)
