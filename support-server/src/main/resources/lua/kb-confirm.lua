-- kb-confirm: a specialist or manager confirms that one version of an entry is right (the
-- business rule holds). Confirming names the version read, so a confirmation never lands on words
-- the confirmer did not see. The author of a version may not confirm it themselves unless they
-- are a manager: a second pair of eyes.
-- ARGV: 3 entryId, 4 actorId, 5 actorName, 6 version, 7 '1' when the actor may confirm their own
local id, actor = ARGV[3], ARGV[4]
local key = k('kb', 'entry', id)
local flat = redis.call('HGETALL', key)
if #flat == 0 then
  return fail('not_found', 'No knowledge entry ' .. id)
end
local e = to_table(flat)
if tonumber(e.version) ~= tonumber(ARGV[6]) then
  return fail('conflict', 'The entry changed meanwhile: it is at version ' .. e.version .. ' now, not ' .. ARGV[6])
end
if e.confirmedVersion == e.version then
  return ok(e, false)
end
if e.updatedBy == actor and ARGV[7] ~= '1' then
  return fail('forbidden', 'Someone else must confirm the version you wrote')
end
e.confirmedBy, e.confirmedByName, e.confirmedAt, e.confirmedVersion = actor, ARGV[5], NOW, e.version
redis.call('HSET', key, 'confirmedBy', actor, 'confirmedByName', ARGV[5], 'confirmedAt', NOW,
  'confirmedVersion', e.version)
kb_changed(id)
return ok(e, true)
