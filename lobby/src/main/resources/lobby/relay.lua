-- OFFER, ANSWER, CANDIDATE. ARGV: 3 id, 4 type, 5 destination (HOST_ID: the host), 6 data.
-- The destination must be in the sender's lobby; it sees the sender's public id.
local id = ARGV[3]
local key, host = my_lobby(id)
if not key then return {'err', host} end
local to = ARGV[5]
if to == tostring(HOST_ID) then to = host end
local tonode = redis.call('HGET', key .. ':peers', to)
if not tonode then return {'err', 'INVALID_DEST'} end
deliver(to, tonode, tonumber(ARGV[4]), public_id(host, id), ARGV[6])
return out
