-- rate: the agent scores the answer, once. "Wrong" also puts it on the managers' review queue.
-- ARGV: 3 agentId, 4 requestId, 5 score, 6 wrong (1/0), 7 comment
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.agentId ~= ARGV[3] then
  return fail('forbidden', 'This is not your request')
end
if r.state ~= 'RESOLVED' then
  return fail('conflict', 'Only a resolved request can be rated')
end
if r.rated == '1' then
  if r.score == ARGV[5] then
    return ok(r, false)
  end
  return fail('conflict', 'This answer has already been rated')
end
store(r, {rated = '1', score = ARGV[5], wrong = ARGV[6], comment = ARGV[7], ratedAt = NOW})
if ARGV[6] == '1' and r.flagged ~= '1' then
  store(r, {flagged = '1', flaggedAt = NOW, flagReason = ARGV[7]})
  redis.call('ZADD', k('review'), NOW, r.id)
end
emit('request', r)
return ok(r, true)
