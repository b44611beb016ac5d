-- SEAL_CLOSE_MS after a seal. ARGV: 3 lobby name. Closes everyone still in it.
local key = lobby_key(ARGV[3])
if redis.call('HGET', key, 'sealed') ~= '1' then return out end
local members = redis.call('HGETALL', key .. ':peers')
for i = 1, #members, 2 do
  deliver(members[i], members[i + 1], CLOSE, CLOSE_NORMAL, SEAL_COMPLETE)
end
return out
