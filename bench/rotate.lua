-- wrk script: requests the paths listed in a file (given after `--`), one after another,
-- so that a run measures a mix of addresses rather than one URL repeated.
local paths = {}
local i = 0

function init(args)
    for line in io.lines(args[1]) do
        if line ~= "" then
            paths[#paths + 1] = line
        end
    end
    -- Each thread starts at its own place in the list.
    i = math.random(#paths)
end

function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
