-- Typst-only finishing for the PDFs, run after book.lua (which already made callouts and floats).
--   * images carry their alt text into Typst's image(alt: …), for tagged PDF and PDF/UA, at their own size
--     (the renderer writes each chart's SVG in pt at the width it is placed at; the templates only shrink
--     an image that would not fit);
--   * each list item is kept on one page (a block that cannot break), so no item starts on one page and
--     ends on the next;
--   * in the briefs (link mode "site"), a link whose text is not its address prints its address after it,
--     for the reader on paper;
--   * callouts become tinted boxes (#cc-callout, defined in definitions.typ and the brief partials);
--   * links are rewritten inside each `.cc-document` div, relative to the source it came from:
--     a link to another page of the book becomes a link inside the PDF (report) or to the live
--     site (briefs), and any other relative link (data files, PDFs) goes to the site, so every link works;
--   * tables get Typst's automatic column widths.
-- Metadata in: cc-site-url (string), cc-link-mode ("report" or "site"),
--   cc-pages (list of {source, label}): the book's pages and the label of their heading in the report.

local site_url = ""
local link_mode = "site"
local pages = {}      -- "chapters/02-drivers-barriers.qmd" -> "chap-02-drivers-barriers"

local stringify = pandoc.utils.stringify

local function typst_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', ' ') .. '"'
end

local function read_meta(m)
  if m["cc-site-url"] then site_url = stringify(m["cc-site-url"]):gsub("/+$", "") end
  if m["cc-link-mode"] then link_mode = stringify(m["cc-link-mode"]) end
  if m["cc-pages"] then
    for _, p in ipairs(m["cc-pages"]) do
      pages[stringify(p.source)] = stringify(p.label)
    end
  end
end

-- "chapters/../data/x.csv" -> "data/x.csv"
local function collapse(path)
  local out = {}
  for part in path:gmatch("[^/]+") do
    if part == ".." then
      if #out > 0 then table.remove(out) end
    elseif part ~= "." then
      table.insert(out, part)
    end
  end
  return table.concat(out, "/")
end

local function rewrite_link(l, source)
  local target = l.target
  if target:match("^%a[%w+.-]*:") or target:match("^#") or target == "" then return nil end
  local path, frag = target:match("^([^#]*)(#?.*)$")
  local dir = source:match("^(.*)/[^/]*$") or ""
  local rel = collapse((dir ~= "" and (dir .. "/") or "") .. path)
  -- book.lua has already turned links to .qmd sources into .pdf (typst target); floats link to .html.
  local stem = rel:match("^(.*)%.qmd$") or rel:match("^(.*)%.pdf$") or rel:match("^(.*)%.html$")
  local page = stem and pages[stem .. ".qmd"]
  local fragment = frag:sub(2)
  if page and link_mode == "report" then
    if fragment:match("^fig%-") or fragment:match("^tbl%-") then
      l.target = "#" .. fragment
    else
      l.target = "#" .. page
    end
    return l
  end
  if page or (stem and not rel:match("%.pdf$")) then
    l.target = site_url .. "/" .. stem .. ".html" .. frag
    return l
  end
  l.target = site_url .. "/" .. rel .. frag
  return l
end

-- On paper a link is only as good as its printed address: "Chapter 2 (example.org/chapters/02.html)".
local function print_address(l)
  if link_mode ~= "site" or not l.target:match("^https?://") then return nil end
  local shown = stringify(l.content)
  local bare = l.target:gsub("^https?://", "")
  if shown == l.target or shown == bare then return nil end
  return {l, pandoc.Space(), pandoc.RawInline("typst", "#cc-address(" .. typst_string(l.target) .. ")")}
end

local function document_div(div)
  if not div.classes:includes("cc-document") then return nil end
  local source = div.attributes["source"] or ""
  local blocks = div.content:walk({Link = function(l) return rewrite_link(l, source) end})
  return blocks:walk({Link = print_address})
end

local function image_block(para)
  -- An image alone in a paragraph (a chart in a figure): a block-level Typst image with its alt text.
  if #para.content ~= 1 or para.content[1].t ~= "Image" then return nil end
  local img = para.content[1]
  local alt = img.attributes["fig-alt"] or stringify(img.caption)
  local args = typst_string(img.src)
  if alt ~= "" then args = args .. ", alt: " .. typst_string(alt) end
  return pandoc.RawBlock("typst", "#image(" .. args .. ")")
end

local function callout(div)
  if not div.classes:includes("callout") then return nil end
  local kind = "note"
  for _, c in ipairs(div.classes) do
    local k = c:match("^callout%-(%w+)$")
    if k then kind = k end
  end
  local content = pandoc.List(div.content)
  local title = pandoc.List()
  local first = content[1]
  if first and first.t == "Para" and #first.content == 1 and first.content[1].t == "Strong" then
    title = first.content[1].content
    content:remove(1)
  end
  local open = pandoc.List({pandoc.RawInline("typst", "#cc-callout(kind: " .. typst_string(kind) .. ", title: [")})
  open:extend(title)
  open:insert(pandoc.RawInline("typst", "])["))
  local out = pandoc.List({pandoc.Plain(open)})
  out:extend(content)
  out:insert(pandoc.RawBlock("typst", "]"))
  return out
end

local function unbreakable_items(list)
  for i, item in ipairs(list.content) do
    local wrapped = pandoc.List({pandoc.RawBlock("typst", "#block(breakable: false)[")})
    wrapped:extend(item)
    wrapped:insert(pandoc.RawBlock("typst", "]"))
    list.content[i] = wrapped
  end
  return list
end

-- Pipe tables with long cells get equal relative widths from pandoc; Typst's automatic column widths, sized
-- to the content, read much better (a short "Rows" column, a wide description).
local function table_widths(tbl)
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = {spec[1], pandoc.ColWidthDefault}
  end
  return tbl
end

return {
  {Meta = read_meta},
  {Table = table_widths, OrderedList = unbreakable_items, BulletList = unbreakable_items},
  {Div = document_div},
  {Para = image_block},
  {Div = callout},
}
