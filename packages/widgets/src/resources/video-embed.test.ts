import { expect } from 'chai'
import { videoEmbedUrl } from './video-embed.js'

describe('videoEmbedUrl', () => {
  it('turns YouTube links into privacy-enhanced embeds', () => {
    const embed = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
    expect(videoEmbedUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).to.equal(embed)
    expect(videoEmbedUrl('https://youtu.be/dQw4w9WgXcQ')).to.equal(embed)
    expect(videoEmbedUrl('https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share')).to.equal(embed)
    expect(videoEmbedUrl('https://www.youtube.com/embed/dQw4w9WgXcQ')).to.equal(embed)
    expect(videoEmbedUrl('https://www.youtube.com/shorts/dQw4w9WgXcQ')).to.equal(embed)
    expect(videoEmbedUrl(embed)).to.equal(embed)
  })

  it('keeps a watch link’s start time', () => {
    expect(videoEmbedUrl('https://youtu.be/dQw4w9WgXcQ?t=90')).to.equal('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90')
    expect(videoEmbedUrl('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s')).to.equal('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90')
  })

  it('turns Vimeo pages into player URLs', () => {
    expect(videoEmbedUrl('https://vimeo.com/76979871')).to.equal('https://player.vimeo.com/video/76979871')
    expect(videoEmbedUrl('https://player.vimeo.com/video/76979871')).to.equal('https://player.vimeo.com/video/76979871')
  })

  it('leaves other players and unrecognised YouTube pages as they are', () => {
    for (const url of ['https://peertube.example.org/videos/embed/abc', 'https://www.youtube.com/@wegov', 'https://www.youtube.com/watch?v=short', 'not a url']) {
      expect(videoEmbedUrl(url)).to.equal(url)
    }
  })
})
