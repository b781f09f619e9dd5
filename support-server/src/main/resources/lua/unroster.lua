-- unroster: takes one shift off the duty roster.
-- ARGV: 3 specialistId, 4 start ms of the shift
local key = k('duty', ARGV[3])
if redis.call('ZREMRANGEBYSCORE', key, ARGV[4], ARGV[4]) == 0 then
  return fail('not_found', 'No shift of ' .. ARGV[3] .. ' starts then')
end
return {'ok', '1', {}}
