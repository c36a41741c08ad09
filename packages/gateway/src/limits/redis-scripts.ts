// Lua scripts that make each request one Redis round trip: `admit` checks every limit and
// counts the call against all of them atomically (no other instance can slip in between);
// `update` settles token estimates, frees parallel slots and adds spend. ioredis sends them
// with EVALSHA and falls back to EVAL once when Redis has not cached the script yet.
//
// TTLs: expiresAt > 0 is the end of a window or budget period; 0 (no end) is one day,
// refreshed on each write; < 0 is a parallel-slot lease of 10 minutes, refreshed likewise.
//
// Values travel as strings: Lua numbers returned to Redis are truncated to integers, and
// spend is fractional dollars.

/** Kinds as numbers in ARGV; order matches CheckKind codes in redis-counter-backend.ts. */
export const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1])
local n = #KEYS
local result = { '-1' }
local found = {}
for i = 1, n do
  local base = 1 + (i - 1) * 5
  local kind = tonumber(ARGV[base + 1])
  local limit = tonumber(ARGV[base + 2])
  local amount = tonumber(ARGV[base + 3])
  local raw = redis.call('GET', KEYS[i])
  local current = tonumber(raw or ARGV[base + 4])
  found[i] = raw
  result[i + 1] = tostring(current)
  local over
  if kind == 1 or kind == 3 then over = current + amount > limit
  elseif kind == 2 then over = current > 0 and current + amount > limit
  else over = current >= limit end
  if over then
    result[1] = tostring(i - 1)
    return result
  end
end
for i = 1, n do
  local base = 1 + (i - 1) * 5
  local amount = tonumber(ARGV[base + 3])
  local expiresAt = tonumber(ARGV[base + 5])
  if found[i] == false then redis.call('SET', KEYS[i], ARGV[base + 4]) end
  if amount ~= 0 then result[i + 1] = redis.call('INCRBYFLOAT', KEYS[i], amount) end
  local ttl = 86400000
  if expiresAt > 0 then ttl = math.max(1, expiresAt - now) elseif expiresAt < 0 then ttl = 600000 end
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return result
`;

export const UPDATE_SCRIPT = `
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local base = 1 + (i - 1) * 3
  local expiresAt = tonumber(ARGV[base + 3])
  if redis.call('EXISTS', KEYS[i]) == 0 then redis.call('SET', KEYS[i], ARGV[base + 2]) end
  local value = tonumber(redis.call('INCRBYFLOAT', KEYS[i], ARGV[base + 1]))
  if value < 0 then redis.call('SET', KEYS[i], '0') end
  local ttl = 86400000
  if expiresAt > 0 then ttl = math.max(1, expiresAt - now) elseif expiresAt < 0 then ttl = 600000 end
  redis.call('PEXPIRE', KEYS[i], ttl)
end
return #KEYS
`;
