-- presence: a specialist sets themself AVAILABLE, AWAY or OFF_FLOOR (knowledge work, by choice);
-- no way back to AVAILABLE while a rotation break lasts.
-- ARGV: 3 specialistId, 4 name, 5 status
local key = k('spec', ARGV[3])
local refused = duty_refusal(ARGV[3], ARGV[5])
if refused then
  return fail('conflict', refused)
end
local before = redis.call('HGET', key, 'status')
redis.call('HSET', key, 'name', ARGV[4], 'status', ARGV[5], 'lapses', '0')
if before ~= 'AVAILABLE' and ARGV[5] == 'AVAILABLE' then
  redis.call('HSET', key, 'since', NOW)
end
if ARGV[5] == 'OFF_FLOOR' and before ~= 'OFF_FLOOR' then
  redis.call('HSET', key, 'offReason', 'chosen')
end
if ARGV[5] ~= 'AVAILABLE' then
  withdraw_offer(ARGV[3])
end
emit_presence(ARGV[3])
return {'ok', before ~= ARGV[5] and '1' or '0', to_flat(specialist_view(ARGV[3]))}
