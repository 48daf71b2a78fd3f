-- Quarto's book conventions for plain pandoc: numbered sections, figure/table floats, callouts.
-- Metadata in: chapter-number (string, may be empty), target ("html" or "typst").

local chapter = ""
local target = "html"
local counters = {0, 0, 0, 0, 0, 0}

local function stringify(x) return pandoc.utils.stringify(x) end

local function meta(m)
  if m["chapter-number"] then chapter = stringify(m["chapter-number"]) end
  if m["target"] then target = stringify(m["target"]) end
end

local function number_header(h)
  if h.level == 1 then
    -- Only citeproc's reference section arrives as a level-1 heading; the page title is the only h1.
    h.level = 2
    h.classes:insert("unnumbered")
    return h
  end
  if chapter == "" or h.classes:includes("unnumbered") then return nil end
  local depth = h.level - 1
  counters[depth] = counters[depth] + 1
  for i = depth + 1, #counters do counters[i] = 0 end
  local parts = {chapter}
  for i = 1, depth do table.insert(parts, tostring(counters[i])) end
  local label = table.concat(parts, ".")
  h.attributes["number"] = label
  if target == "html" then
    table.insert(h.content, 1, pandoc.Space())
    table.insert(h.content, 1, pandoc.Span({pandoc.Str(label)}, {class = "header-section-number"}))
  end
  return h
end

local function callout(div)
  local kind
  for _, c in ipairs(div.classes) do
    local k = c:match("^callout%-(%w+)$")
    if k then kind = k end
  end
  if not kind then return nil end
  local title = nil
  local body = pandoc.List()
  for i, b in ipairs(div.content) do
    if i == 1 and b.t == "Header" then title = b.content else body:insert(b) end
  end
  title = title or {pandoc.Str(kind:sub(1, 1):upper() .. kind:sub(2))}
  if target == "html" then
    local head = pandoc.Div({pandoc.Plain(title)}, {class = "callout-title"})
    local content = pandoc.Div(body, {class = "callout-body"})
    local attr = pandoc.Attr(div.identifier, {"callout", "callout-" .. kind}, {role = "note"})
    return pandoc.Div({head, content}, attr)
  end
  local blocks = pandoc.List({pandoc.Para({pandoc.Strong(title)})})
  blocks:extend(body)
  return pandoc.Div(blocks, pandoc.Attr(div.identifier, {"callout", "callout-" .. kind}))
end

local function float(div)
  local id = div.identifier
  local kind = id:match("^(fig)%-") or id:match("^(tbl)%-")
  if not kind then return nil end
  local caption, content = nil, pandoc.List()
  for _, b in ipairs(div.content) do
    if b.t == "Div" and b.classes:includes("cc-caption") then caption = b.content else content:insert(b) end
  end
  local prefix = div.attributes["number"]
  local cap = pandoc.List()
  if caption and #caption > 0 then cap = caption[1].content or pandoc.List() end
  if target == "html" and prefix then
    local word = kind == "fig" and "Figure " or "Table "
    local lead = pandoc.Span({pandoc.Str(word .. prefix .. ":")}, {class = "float-number"})
    local inl = pandoc.List({lead, pandoc.Space()})
    inl:extend(cap)
    cap = inl
  end
  local attr = pandoc.Attr(id, {"cc-float", "cc-" .. kind}, {})
  return pandoc.Figure(content, {pandoc.Plain(cap)}, attr)
end

-- Format-specific content, as Quarto's .content-visible / .content-hidden with when-format / unless-format.
-- In HTML, what is shown only on screen keeps a class so that the print stylesheet leaves it off paper too.
local function conditional(div)
  local visible = div.classes:includes("content-visible")
  if not (visible or div.classes:includes("content-hidden")) then return nil end
  local when, unless = div.attributes["when-format"], div.attributes["unless-format"]
  local match = (when == nil or when == target) and (unless == nil or unless ~= target)
  if match ~= visible then return {} end
  if target == "html" then return pandoc.Div(div.content, {class = "cc-screen-only"}) end
  return div.content
end

-- Quarto rewrites links between sources to the rendered pages.
local function link(l)
  local path, frag = l.target:match("^([^#]*%.qmd)(#?.*)$")
  if path and not l.target:match("^%a+://") then
    l.target = path:gsub("%.qmd$", target == "html" and ".html" or ".pdf") .. frag
    return l
  end
end

return {
  {Meta = meta},
  {Div = conditional},
  {Link = link},
  {Div = callout},
  {Header = number_header},
  {Div = float},
}
