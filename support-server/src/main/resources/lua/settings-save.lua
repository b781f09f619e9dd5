-- settings-save: an administrator's change of the live settings, all fields at once, so a node
-- never reads half of it. Not a floor's transition: KEYS[1] is the settings hash itself (one key,
-- so a Redis Cluster routes it like any other call; MULTI is not available there).
-- ARGV: 3.. pairs of setting name and value; an empty value removes the field (back to default)
for i = 3, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    redis.call('HDEL', KEYS[1], ARGV[i])
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
return #ARGV / 2 - 1
