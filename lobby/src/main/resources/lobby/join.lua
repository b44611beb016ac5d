-- JOIN. ARGV: 3 id, 4 lobby name, 5 create ('1'/'0'), 6 mesh ('1'/'0'), 7 address,
-- 8 max lobbies, 9 max lobbies per address, 10 max peers per lobby.
-- Answers {'retry'} when the id or the new name is taken (the node draws others).
local id, name, addr = ARGV[3], ARGV[4], ARGV[7]
if redis.call('HEXISTS', P .. 'peers', id) == 1 then return {'retry'} end
local key = lobby_key(name)
if ARGV[5] == '1' then
  if redis.call('EXISTS', key) == 1 then return {'retry'} end
  if redis.call('HLEN', P .. 'lobbies') >= tonumber(ARGV[8]) then return {'err', 'TOO_MANY_LOBBIES'} end
  local per_addr = P .. 'addr:' .. addr
  if tonumber(redis.call('GET', per_addr) or '0') >= tonumber(ARGV[9]) then
    return {'err', 'TOO_MANY_LOBBIES_FROM_ADDRESS'}
  end
  redis.call('HSET', key, 'host', id, 'mesh', ARGV[6], 'sealed', '0', 'addr', addr)
  redis.call('HSET', P .. 'lobbies', name, id)
  redis.call('INCR', per_addr)
else
  if redis.call('EXISTS', key) == 0 then return {'err', 'LOBBY_DOES_NOT_EXIST'} end
  if redis.call('HGET', key, 'sealed') == '1' then return {'err', 'LOBBY_IS_SEALED'} end
  if redis.call('HLEN', key .. ':peers') >= tonumber(ARGV[10]) then return {'err', 'LOBBY_FULL'} end
end
local host = redis.call('HGET', key, 'host')
local mesh = redis.call('HGET', key, 'mesh') == '1'
local me = public_id(host, id)
deliver(id, NODE, ID, me, mesh and 'true' or '')
local members = redis.call('HGETALL', key .. ':peers')
for i = 1, #members, 2 do
  local p, pnode = members[i], members[i + 1]
  if visible(mesh, host, p, id) then
    deliver(p, pnode, PEER_CONNECT, me, '')
    deliver(id, NODE, PEER_CONNECT, public_id(host, p), '')
  end
end
deliver(id, NODE, JOIN, 0, name)
redis.call('HSET', key .. ':peers', id, NODE)
redis.call('HSET', P .. 'peers', id, name)
redis.call('SADD', P .. 'node:' .. NODE .. ':peers', id)
return out
