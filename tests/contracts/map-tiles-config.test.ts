// MAP_TILES_URL and MAP_TILES_ATTRIBUTION (README § Configuration): off by default, an http(s) XYZ template
// with its placeholders after the host (one origin for the page's CSP), and a refusal that names the variable.
import { ConfigError, loadConfig } from '@zonetrace/contracts'
import { describe, expect, it } from 'vitest'

describe('map tiles from the environment', () => {
  it('are off unless MAP_TILES_URL is set', () => {
    expect(loadConfig({}).resolver.mapTiles).toBeNull()
    expect(loadConfig({ MAP_TILES_URL: '  ', MAP_TILES_ATTRIBUTION: 'x' }).resolver.mapTiles).toBeNull()
  })

  it("take the template, its origin, and OpenStreetMap's attribution unless another is given", () => {
    expect(
      loadConfig({ MAP_TILES_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }).resolver.mapTiles,
    ).toEqual({
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
      origin: 'https://tile.openstreetmap.org',
    })
    expect(
      loadConfig({
        MAP_TILES_URL: 'http://tiles.internal:8080/osm/{z}/{x}/{y}@2x.png?style=light',
        MAP_TILES_ATTRIBUTION: '© Sở Nông nghiệp Vĩnh Long, © OpenStreetMap',
      }).resolver.mapTiles,
    ).toEqual({
      url: 'http://tiles.internal:8080/osm/{z}/{x}/{y}@2x.png?style=light',
      attribution: '© Sở Nông nghiệp Vĩnh Long, © OpenStreetMap',
      origin: 'http://tiles.internal:8080',
    })
  })

  it.each([
    ['tile.openstreetmap.org/{z}/{x}/{y}.png', 'no scheme'],
    ['ftp://tiles.example/{z}/{x}/{y}.png', 'not http(s)'],
    ['javascript:alert(1)//{z}/{x}/{y}', 'script'],
    ['https://tiles.example/{z}/{x}.png', 'no {y}'],
    ['https://{s}.tile.example/{z}/{x}/{y}.png', 'a subdomain placeholder'],
    ['https://{z}.tiles.example/{x}/{y}.png', 'a placeholder in the host'],
    ['https://tiles.example/{z}/{x}/{-y}.png', 'a TMS placeholder'],
    ['https://user:secret@tiles.example/{z}/{x}/{y}.png', 'credentials'],
  ])('refuses %s (%s)', (url) => {
    expect(() => loadConfig({ MAP_TILES_URL: url })).toThrow(ConfigError)
    expect(() => loadConfig({ MAP_TILES_URL: url })).toThrow(
      /^MAP_TILES_URL must be an http\(s\) URL with \{z\}/,
    )
  })
})
