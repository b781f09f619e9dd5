-- review: a manager decides on an answer flagged wrong, once: CONFIRMED (it was wrong; the
-- correction says what the right answer is) or DISMISSED (it was right after all). The request
-- leaves the review queue; the event carries no rating, so nothing reaches the specialists.
-- A confirmed wrong answer that came from a knowledge entry (the request's entryId) opens a
-- correction on that entry, in the same step; editing the entry closes it (kb-save.lua).
-- ARGV: 3 managerId, 4 requestId, 5 verdict (CONFIRMED/DISMISSED), 6 correction
local r = load(ARGV[4])
if not r then
  return fail('not_found', 'No request ' .. ARGV[4])
end
if r.flagged ~= '1' then
  return fail('conflict', 'Only an answer flagged wrong can be reviewed')
end
if r.reviewed == '1' then
  -- a retry of the same decision is acknowledged as it stands
  if r.reviewVerdict == ARGV[5] and r.reviewedBy == ARGV[3] then
    return ok(r, false)
  end
  return fail('conflict', 'This flag was already reviewed: ' .. string.lower(r.reviewVerdict))
end
store(r, {
  reviewed = '1', reviewVerdict = ARGV[5], correction = ARGV[6],
  reviewedBy = ARGV[3], reviewedAt = NOW
})
redis.call('ZREM', k('review'), r.id)
if ARGV[5] == 'CONFIRMED' and r.entryId and kb_entry_exists(r.entryId) then
  kb_open_correction(r.entryId, r.id, ARGV[3], ARGV[6])
end
emit('review', {id = r.id, verdict = ARGV[5], reviewedBy = ARGV[3], reviewedAt = NOW})
return ok(r, true)
