import type { Config } from '@docusaurus/types'
import labels from './labels.json'

const base = '/widgets/'

const config: Config = {
  title: 'Widget Docs',
  tagline: `Everything about ${labels.product}`,
  url: 'https://widgets.example.org',
  baseUrl: base,
  onBrokenLinks: 'warn',
  onBrokenAnchors: 'ignore',
  markdown: { format: 'mdx' },
  presets: [
    [
      'classic',
      {
        docs: {
          path: '../docs',
          sidebarPath: require.resolve('./sidebars.js'),
          editUrl: 'https://git.example.org/widgets/edit/main/',
          lastVersion: '9.9',
        } satisfies Record<string, unknown>,
      },
    ],
  ],
  themeConfig: {
    navbar: {
      items: [
        { type: 'doc', docId: 'intro', label: 'Guide' },
        { type: 'docsVersionDropdown' },
        { href: 'https://git.example.org/widgets', label: 'Source' },
        { label: 'More', items: [{ to: '/docs/reference/cli', label: 'CLI' }] },
      ],
    },
    footer: { links: [{ title: 'Docs', items: [{ label: 'Intro', to: '/docs/intro' }] }] },
  },
}

export default config
