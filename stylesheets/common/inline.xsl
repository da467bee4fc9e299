<?xml version="1.0" encoding="UTF-8"?>
<!--
  inline.xsl: the common markup of schemas/common.xsd (paragraphs,
  headings, emphasis, links, footnotes, lists, quotations, tables) turned
  into XSL-FO, in the default mode.

  Templates match by local-name so the same markup works in every
  document namespace (agenda, minutes, report, and any a council adds).
  A document stylesheet xsl:imports this module and overrides a template
  for its own namespace only (e.g. r:p inside a numbered section); its
  templates then win by import precedence.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:exsl="http://exslt.org/common"
                exclude-result-prefixes="exsl">

  <!-- ===== blocks ===== -->

  <xsl:template match="*[local-name() = 'p']">
    <fo:block space-after="{$paragraph-space}" text-align="{$text-align}"
              widows="2" orphans="2">
      <xsl:call-template name="qr-id"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="*[local-name() = 'heading']">
    <fo:block font-weight="bold" font-size="{$heading3-font-size}"
              color="{$heading-colour}"
              space-before="{$heading-space}" space-after="{$paragraph-space}"
              keep-with-next.within-page="always" text-align="start">
      <xsl:call-template name="qr-id"/>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="*[local-name() = 'quote']">
    <fo:block start-indent="from-parent(start-indent) + 10mm"
              end-indent="from-parent(end-indent) + 10mm"
              space-after="{$paragraph-space}" font-style="italic"
              text-align="{$text-align}">
      <xsl:apply-templates/>
      <xsl:if test="@source">
        <fo:block text-align="end" font-style="normal">
          <xsl:text>– </xsl:text>
          <xsl:value-of select="@source"/>
        </fo:block>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- Lists: the bullet is chosen by nesting depth unless the author set
       one; numbers are computed here, never typed. -->
  <xsl:template match="*[local-name() = 'ul' or local-name() = 'ol']">
    <fo:list-block provisional-distance-between-starts="{$list-indent}"
                   provisional-label-separation="2mm"
                   space-after="{$paragraph-space}">
      <xsl:call-template name="qr-id"/>
      <xsl:apply-templates select="*[local-name() = 'li']"/>
    </fo:list-block>
  </xsl:template>

  <xsl:template match="*[local-name() = 'li']">
    <fo:list-item space-after="3pt">
      <xsl:call-template name="qr-id"/>
      <fo:list-item-label end-indent="label-end()">
        <fo:block text-align="start">
          <xsl:call-template name="qr-list-label"/>
        </fo:block>
      </fo:list-item-label>
      <fo:list-item-body start-indent="body-start()">
        <fo:block text-align="{$text-align}">
          <xsl:apply-templates/>
        </fo:block>
      </fo:list-item-body>
    </fo:list-item>
  </xsl:template>

  <xsl:template name="qr-list-label">
    <xsl:variable name="list" select=".."/>
    <xsl:choose>
      <xsl:when test="local-name($list) = 'ol'">
        <xsl:variable name="start">
          <xsl:choose>
            <xsl:when test="$list/@start"><xsl:value-of select="$list/@start"/></xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="n" select="$start + count(preceding-sibling::*[local-name() = 'li'])"/>
        <xsl:variable name="type">
          <xsl:choose>
            <xsl:when test="$list/@type"><xsl:value-of select="$list/@type"/></xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$type = '1'"><xsl:number value="$n" format="1"/>.</xsl:when>
          <xsl:otherwise><xsl:number value="$n" format="{$type}"/>)</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="depth" select="count(ancestor::*[local-name() = 'ul' or local-name() = 'ol'])"/>
        <xsl:variable name="style">
          <xsl:choose>
            <xsl:when test="$list/@bullet"><xsl:value-of select="$list/@bullet"/></xsl:when>
            <xsl:when test="$depth mod 2 = 0">dash</xsl:when>
            <xsl:otherwise>disc</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$style = 'disc'">&#x2022;</xsl:when>
          <!-- Liberation Sans (our Arial) has no white bullet: a small o, as Word prints it. -->
          <xsl:when test="$style = 'circle'">o</xsl:when>
          <xsl:when test="$style = 'dash'">&#x2013;</xsl:when>
          <xsl:when test="$style = 'square'">&#x25AA;</xsl:when>
          <xsl:otherwise>&#xA0;</xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Tables: fixed layout over the full width; widths from col, else
       equal shares. The head repeats on every page. -->
  <xsl:template match="*[local-name() = 'table']">
    <fo:block space-after="{$paragraph-space}">
      <xsl:call-template name="qr-id"/>
      <xsl:if test="*[local-name() = 'caption']">
        <fo:block font-weight="bold" space-after="3pt" keep-with-next.within-page="always">
          <xsl:apply-templates select="*[local-name() = 'caption']/node()"/>
        </fo:block>
      </xsl:if>
      <fo:table table-layout="fixed" border-collapse="collapse"
                font-size="{$table-font-size}">
        <xsl:choose>
          <xsl:when test="*[local-name() = 'col']">
            <xsl:for-each select="*[local-name() = 'col']">
              <fo:table-column>
                <xsl:attribute name="column-width">
                  <xsl:call-template name="qr-column-width">
                    <xsl:with-param name="w" select="@width"/>
                  </xsl:call-template>
                </xsl:attribute>
              </fo:table-column>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="first" select="(*[local-name() = 'thead' or local-name() = 'tbody']/*[local-name() = 'tr'])[1]"/>
            <xsl:variable name="spans" select="sum($first/*[@colspan]/@colspan)"/>
            <xsl:variable name="n" select="count($first/*[not(@colspan)]) + $spans"/>
            <fo:table-column column-width="proportional-column-width(1)"
                             number-columns-repeated="{$n}"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:apply-templates select="*[local-name() = 'thead']"/>
        <xsl:apply-templates select="*[local-name() = 'tbody']"/>
      </fo:table>
    </fo:block>
  </xsl:template>

  <xsl:template name="qr-column-width">
    <xsl:param name="w"/>
    <xsl:choose>
      <xsl:when test="substring($w, string-length($w)) = '*'">
        <xsl:value-of select="concat('proportional-column-width(', substring($w, 1, string-length($w) - 1), ')')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$w"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*[local-name() = 'thead']">
    <!-- Indents inherited from a list or numbered paragraph around the
         table must not shift the text inside its cells. -->
    <fo:table-header start-indent="0pt" end-indent="0pt">
      <xsl:apply-templates select="*[local-name() = 'tr']"/>
    </fo:table-header>
  </xsl:template>

  <xsl:template match="*[local-name() = 'tbody']">
    <fo:table-body start-indent="0pt" end-indent="0pt">
      <xsl:apply-templates select="*[local-name() = 'tr']"/>
    </fo:table-body>
  </xsl:template>

  <xsl:template match="*[local-name() = 'tr']">
    <fo:table-row>
      <xsl:if test="parent::*[local-name() = 'thead']">
        <xsl:attribute name="keep-together.within-page">always</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="*[local-name() = 'th' or local-name() = 'td']"/>
    </fo:table-row>
  </xsl:template>

  <xsl:template match="*[local-name() = 'th' or local-name() = 'td']">
    <xsl:variable name="borders" select="not(ancestor::*[local-name() = 'table'][1]/@borders = 'no')"/>
    <fo:table-cell padding="2pt 3pt">
      <xsl:if test="$borders">
        <xsl:attribute name="border">0.5pt solid <xsl:value-of select="$rule-colour"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="local-name() = 'th'">
        <xsl:attribute name="font-weight">bold</xsl:attribute>
        <xsl:if test="$borders">
          <xsl:attribute name="background-color"><xsl:value-of select="$table-header-background"/></xsl:attribute>
        </xsl:if>
      </xsl:if>
      <xsl:if test="@colspan">
        <xsl:attribute name="number-columns-spanned"><xsl:value-of select="@colspan"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@rowspan">
        <xsl:attribute name="number-rows-spanned"><xsl:value-of select="@rowspan"/></xsl:attribute>
      </xsl:if>
      <fo:block text-align="start">
        <xsl:if test="@align">
          <xsl:attribute name="text-align"><xsl:value-of select="@align"/></xsl:attribute>
        </xsl:if>
        <xsl:apply-templates/>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- ===== inline ===== -->

  <xsl:template match="*[local-name() = 'em']">
    <fo:inline font-style="italic"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <xsl:template match="*[local-name() = 'strong']">
    <fo:inline font-weight="bold"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <xsl:template match="*[local-name() = 'u']">
    <fo:inline text-decoration="underline"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <xsl:template match="*[local-name() = 'sup']">
    <fo:inline baseline-shift="super" font-size="70%"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <xsl:template match="*[local-name() = 'sub']">
    <fo:inline baseline-shift="sub" font-size="70%"><xsl:apply-templates/></fo:inline>
  </xsl:template>

  <!-- A forced line break: an empty block ends the current line. -->
  <xsl:template match="*[local-name() = 'br']">
    <fo:block/>
  </xsl:template>

  <xsl:template match="*[local-name() = 'link']">
    <fo:basic-link color="{$link-colour}" text-decoration="underline">
      <xsl:choose>
        <xsl:when test="starts-with(@href, '#')">
          <xsl:attribute name="internal-destination">
            <xsl:call-template name="qr-anchor">
              <xsl:with-param name="id" select="substring(@href, 2)"/>
            </xsl:call-template>
          </xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="external-destination">url(<xsl:value-of select="@href"/>)</xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="normalize-space(.) = ''"><xsl:value-of select="@href"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </fo:basic-link>
  </xsl:template>

  <!-- Footnotes are numbered through the document they belong to (each
       attachment of a pack is its own document, so its own numbering).
       Counting each footnote's preceding footnotes walks the whole document
       before it: footnotes x nodes, which took most of the transform of a
       3,000-recommendation pack (9 s of 10). So the numbers are computed in
       one pass over the documents in qr-footnote-docs (the input; pack.xsl
       adds the attachments) into a table keyed by the document's place in
       that list and the footnote's text, and looked up by key. A footnote
       whose key is missing or not unique (two footnotes of one document
       with the same text) is counted the slow way, so the numbers are
       always the same. No generate-id() here: libxslt numbers generated
       ids in the order they are first asked for, and the FO's anchors
       (qr-anchor) must not change. -->
  <xsl:variable name="qr-footnote-docs" select="/"/>

  <xsl:key name="qr-footnote-number" match="qr-footnote-number" use="@key"/>

  <xsl:variable name="qr-footnote-numbers">
    <xsl:for-each select="$qr-footnote-docs">
      <xsl:variable name="doc" select="position()"/>
      <xsl:for-each select="//*[local-name() = 'footnote']">
        <qr-footnote-number key="{$doc} {string(.)}"><xsl:value-of select="position()"/></qr-footnote-number>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template name="qr-footnote-number">
    <xsl:variable name="root" select="/"/>
    <xsl:variable name="key">
      <xsl:for-each select="$qr-footnote-docs">
        <xsl:if test="count(. | $root) = 1">
          <xsl:value-of select="concat(position(), ' ')"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:value-of select="string(.)"/>
    </xsl:variable>
    <xsl:variable name="found">
      <xsl:for-each select="exsl:node-set($qr-footnote-numbers)">
        <xsl:variable name="hits" select="key('qr-footnote-number', string($key))"/>
        <xsl:if test="count($hits) = 1"><xsl:value-of select="$hits"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($found) != ''"><xsl:value-of select="$found"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="count(preceding::*[local-name() = 'footnote']) + 1"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*[local-name() = 'footnote']">
    <xsl:variable name="n"><xsl:call-template name="qr-footnote-number"/></xsl:variable>
    <fo:footnote>
      <fo:inline baseline-shift="super" font-size="70%"><xsl:value-of select="$n"/></fo:inline>
      <fo:footnote-body>
        <fo:list-block provisional-distance-between-starts="5mm"
                       provisional-label-separation="1mm"
                       font-size="{$footnote-font-size}" font-weight="normal"
                       font-style="normal" text-decoration="none"
                       line-height="1.15" space-after="2pt"
                       start-indent="0pt" end-indent="0pt">
          <fo:list-item>
            <fo:list-item-label end-indent="label-end()">
              <fo:block><fo:inline baseline-shift="super" font-size="70%"><xsl:value-of select="$n"/></fo:inline></fo:block>
            </fo:list-item-label>
            <fo:list-item-body start-indent="body-start()">
              <fo:block text-align="start">
                <xsl:apply-templates/>
              </fo:block>
            </fo:list-item-body>
          </fo:list-item>
        </fo:list-block>
      </fo:footnote-body>
    </fo:footnote>
  </xsl:template>

  <!-- An author's id, made unique within a pack: each document of a pack
       is its own tree, so the generated id of its root node tells two
       documents' "purpose" sections apart. Used for FO ids and "#id"
       links alike, so they always agree (report.xsl's r-anchor is the
       same formula). -->
  <xsl:template name="qr-anchor">
    <xsl:param name="id" select="@id"/>
    <xsl:value-of select="concat('r', generate-id(/), '-', $id)"/>
  </xsl:template>

  <!-- The FO id attribute for an element the author gave an id. -->
  <xsl:template name="qr-id">
    <xsl:if test="@id">
      <xsl:attribute name="id"><xsl:call-template name="qr-anchor"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
