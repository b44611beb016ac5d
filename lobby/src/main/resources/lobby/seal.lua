-- SEAL. ARGV: 3 id. Only the host may; everyone (the host too) is told.
local id = ARGV[3]
local key, host = my_lobby(id)
if not key then return {'err', host} end
if host ~= id then return {'err', 'ONLY_HOST_CAN_SEAL'} end
redis.call('HSET', key, 'sealed', '1')
local members = redis.call('HGETALL', key .. ':peers')
for i = 1, #members, 2 do
  deliver(members[i], members[i + 1], SEAL, 0, '')
end
return out
