-- A peer's connection closed (or its node died). ARGV: 3 id, 4 the node it was on.
-- The host leaving closes the lobby: everyone else is closed with HOST_DISCONNECTED.
local id = ARGV[3]
redis.call('SREM', P .. 'node:' .. ARGV[4] .. ':peers', id)
local name = redis.call('HGET', P .. 'peers', id)
redis.call('HDEL', P .. 'peers', id)
if not name then return out end
local key = lobby_key(name)
if redis.call('HDEL', key .. ':peers', id) == 0 then return out end
local host = redis.call('HGET', key, 'host')
local mesh = redis.call('HGET', key, 'mesh') == '1'
local closing = id == host
local members = redis.call('HGETALL', key .. ':peers')
for i = 1, #members, 2 do
  local p, pnode = members[i], members[i + 1]
  if closing then
    deliver(p, pnode, CLOSE, CLOSE_ERROR, HOST_DISCONNECTED)
  elseif visible(mesh, host, p, id) then
    deliver(p, pnode, PEER_DISCONNECT, id, '')
  end
end
if closing then
  local per_addr = P .. 'addr:' .. redis.call('HGET', key, 'addr')
  redis.call('DEL', key, key .. ':peers')
  redis.call('HDEL', P .. 'lobbies', name)
  if redis.call('DECR', per_addr) <= 0 then redis.call('DEL', per_addr) end
end
return out
