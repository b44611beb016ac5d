-- Shared by every script (RedisStore prepends the protocol's constants, then this file).
-- ARGV[1] is the key prefix, ARGV[2] the calling node; the rest is the script's own.
-- Keys: P..'lobbies' (name -> host id), P..'lobby:'..name (host, mesh, sealed, addr),
-- P..'lobby:'..name..':peers' (id -> node), P..'peers' (id -> lobby name),
-- P..'node:'..node..':peers' (ids on that node), P..'addr:'..address (lobbies it hosts).
local P, NODE = ARGV[1], ARGV[2]
local out = {'ok'}

-- Every delivery, the calling node's too, goes out on its node's channel: one ordered stream per
-- node, in the order the scripts ran (a peer never hears of another before its own ID).
local function deliver(to, tonode, type, id, data)
  redis.call('PUBLISH', P .. 'node:' .. tonode, to .. ' ' .. type .. ' ' .. id .. ' ' .. data)
end

local function lobby_key(name)
  return P .. 'lobby:' .. name
end

-- The host is HOST_ID to everyone; in a star (not mesh) clients see the host only.
local function public_id(host, id)
  if id == host then return HOST_ID end
  return id
end

local function visible(mesh, host, a, b)
  return mesh or a == host or b == host
end

-- host id and mesh flag of the caller's lobby (ARGV[3] is the caller's id), or nil with a reason.
local function my_lobby(id)
  local name = redis.call('HGET', P .. 'peers', id)
  if not name then return nil, 'NEED_LOBBY' end
  local key = lobby_key(name)
  local host = redis.call('HGET', key, 'host')
  if not host then return nil, 'SERVER_ERROR' end
  return key, host, redis.call('HGET', key, 'mesh') == '1'
end
