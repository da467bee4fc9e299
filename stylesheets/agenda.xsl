<?xml version="1.0" encoding="UTF-8"?>
<!--
  agenda.xsl: an agenda (urn:quire:agenda:1) as its frontsheet in XSL-FO:
  council, committee, meeting table, enquiries, membership, and the
  numbered items with their descriptions. Alone it makes a complete
  fo:root; pack.xsl calls its mode="pack" with pack='yes', which adds each
  item's page range in the pack and links to its papers.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:a="urn:quire:agenda:1"
                exclude-result-prefixes="a">

  <xsl:import href="common/common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="item-number-width" select="'12mm'"/>
  <xsl:param name="item-pages-width" select="'25mm'"/>
  <xsl:param name="agenda-text-date" select="'Date'"/>
  <xsl:param name="agenda-text-time" select="'Time'"/>
  <xsl:param name="agenda-text-venue" select="'Venue'"/>
  <xsl:param name="agenda-text-enquiries" select="'Enquiries Regarding this Agenda:'"/>
  <xsl:param name="agenda-text-membership" select="'Committee Membership'"/>
  <xsl:param name="agenda-text-councillors" select="'Councillors'"/>
  <xsl:param name="agenda-text-co-optees" select="'Co-Optees'"/>
  <xsl:param name="agenda-text-agenda" select="'AGENDA'"/>
  <xsl:param name="agenda-text-pages" select="'Page'"/>
  <xsl:param name="agenda-text-continued" select="'... Continued'"/>
  <xsl:param name="agenda-text-published" select="'Published'"/>
  <xsl:param name="agenda-text-exempt-item" select="'Exempt: not for publication by virtue of paragraph'"/>
  <xsl:param name="agenda-text-exempt-papers-withheld" select="'Papers not included in the public edition.'"/>

  <!-- ===== standalone: a complete fo:root ===== -->
  <xsl:template match="/">
    <fo:root>
      <xsl:attribute name="language"><xsl:value-of select="$language"/></xsl:attribute>
      <xsl:call-template name="qr-layout-master-set"/>
      <fo:bookmark-tree>
        <xsl:apply-templates select="a:agenda" mode="bookmarks">
          <xsl:with-param name="doc-id" select="'frontsheet'"/>
        </xsl:apply-templates>
      </fo:bookmark-tree>
      <xsl:apply-templates select="a:agenda" mode="pack">
        <xsl:with-param name="doc-id" select="'frontsheet'"/>
      </xsl:apply-templates>
    </fo:root>
  </xsl:template>

  <!-- ===== helpers shared with pack.xsl ===== -->

  <!-- The item's number: its position among the items. -->
  <xsl:template name="a-item-number">
    <xsl:param name="item" select="."/>
    <xsl:value-of select="count($item/preceding-sibling::a:item) + 1"/>
  </xsl:template>

  <!-- The id pack.xsl gives the k-th attachment of item N: doc-item4,
       doc-item4-att2, ... (a document's own further page-sequences are
       {doc-id}-2, -3, ..., so the two never clash). -->
  <xsl:template name="a-attachment-id">
    <xsl:param name="n"/>
    <xsl:param name="k" select="1"/>
    <xsl:value-of select="concat('doc-item', $n)"/>
    <xsl:if test="$k &gt; 1">
      <xsl:value-of select="concat('-att', $k)"/>
    </xsl:if>
  </xsl:template>

  <!-- Are this item's papers in the pack being built? -->
  <xsl:template name="a-papers-included">
    <xsl:param name="item" select="."/>
    <xsl:choose>
      <xsl:when test="not($item/a:attach)">no</xsl:when>
      <xsl:when test="$item/a:exempt and $edition != 'members'">no</xsl:when>
      <xsl:otherwise>yes</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Children & Young People Scrutiny Committee – 12 September 2017" -->
  <xsl:template name="a-running-header">
    <xsl:value-of select="normalize-space(a:committee/a:name)"/>
    <xsl:text> – </xsl:text>
    <xsl:call-template name="qr-format-date">
      <xsl:with-param name="date" select="a:meeting/a:date"/>
      <xsl:with-param name="style" select="'short'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="a-council-name">
    <xsl:choose>
      <xsl:when test="$council-name != ''"><xsl:value-of select="$council-name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(a:council/a:name)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== bookmarks ===== -->
  <xsl:template match="a:agenda" mode="bookmarks">
    <xsl:param name="item-number" select="''"/>
    <xsl:param name="doc-id" select="'frontsheet'"/>
    <xsl:param name="exempt-paragraph" select="''"/>
    <xsl:param name="running-header" select="''"/>
    <fo:bookmark internal-destination="{$doc-id}" starting-state="show">
      <fo:bookmark-title>
        <xsl:text>Agenda: </xsl:text>
        <xsl:value-of select="normalize-space(a:committee/a:name)"/>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="qr-format-date">
          <xsl:with-param name="date" select="a:meeting/a:date"/>
          <xsl:with-param name="style" select="'short'"/>
        </xsl:call-template>
      </fo:bookmark-title>
      <xsl:for-each select="a:items/a:item">
        <fo:bookmark internal-destination="{$doc-id}-item{position()}">
          <fo:bookmark-title>
            <xsl:value-of select="concat(position(), '. ', normalize-space(a:title))"/>
          </fo:bookmark-title>
        </fo:bookmark>
      </xsl:for-each>
    </fo:bookmark>
  </xsl:template>

  <!-- ===== the frontsheet page-sequence ===== -->
  <xsl:template match="a:agenda" mode="pack">
    <xsl:param name="item-number" select="''"/>
    <xsl:param name="doc-id" select="'frontsheet'"/>
    <xsl:param name="exempt-paragraph" select="''"/>
    <xsl:param name="running-header" select="''"/>
    <!-- 'yes' when the papers follow in the same fo:root (pack.xsl). -->
    <xsl:param name="pack" select="'no'"/>
    <xsl:variable name="header">
      <xsl:choose>
        <xsl:when test="$running-header != ''"><xsl:value-of select="$running-header"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="a-running-header"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:page-sequence master-reference="qr-portrait">
      <xsl:call-template name="qr-sequence-attributes">
        <xsl:with-param name="id" select="$doc-id"/>
      </xsl:call-template>
      <fo:title>
        <xsl:text>Agenda: </xsl:text>
        <xsl:value-of select="$header"/>
      </fo:title>
      <xsl:call-template name="qr-static-content">
        <xsl:with-param name="running-header" select="$header"/>
        <xsl:with-param name="continued" select="'yes'"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body">
        <xsl:call-template name="a-masthead"/>
        <xsl:call-template name="a-meeting-table"/>
        <xsl:apply-templates select="a:contacts"/>
        <xsl:apply-templates select="a:committee" mode="membership"/>
        <xsl:apply-templates select="a:notes"/>
        <fo:table table-layout="fixed" width="100%" space-before="{$heading-space}">
          <fo:table-column column-width="{$item-number-width}"/>
          <fo:table-column column-width="proportional-column-width(1)"/>
          <fo:table-column column-width="{$item-pages-width}"/>
          <fo:table-header>
            <fo:table-row keep-with-next.within-page="always">
              <fo:table-cell number-columns-spanned="2" padding-bottom="6pt">
                <fo:block text-align="center" font-weight="bold" font-size="{$title-font-size}">
                  <xsl:value-of select="$agenda-text-agenda"/>
                </fo:block>
              </fo:table-cell>
              <fo:table-cell padding-bottom="6pt" display-align="after">
                <fo:block text-align="end" font-weight="bold">
                  <xsl:value-of select="$agenda-text-pages"/>
                </fo:block>
              </fo:table-cell>
            </fo:table-row>
          </fo:table-header>
          <fo:table-body>
            <xsl:for-each select="a:items/a:item">
              <xsl:call-template name="a-item-row">
                <xsl:with-param name="doc-id" select="$doc-id"/>
                <xsl:with-param name="pack" select="$pack"/>
              </xsl:call-template>
            </xsl:for-each>
          </fo:table-body>
        </fo:table>
        <fo:block id="{$doc-id}-end"/>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <xsl:template name="a-masthead">
    <xsl:if test="$logo != ''">
      <fo:block text-align="start" space-after="6pt">
        <fo:external-graphic src="url({$logo})" content-width="{$logo-width}" scaling="uniform"/>
      </fo:block>
    </xsl:if>
    <fo:block text-align="end" font-weight="bold" font-size="{$heading1-font-size}">
      <xsl:call-template name="a-council-name"/>
    </fo:block>
    <fo:block text-align="end" font-size="{$small-font-size}" space-after="{$heading-space}">
      <xsl:choose>
        <xsl:when test="$council-address != ''"><xsl:value-of select="$council-address"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(a:council/a:address)"/></xsl:otherwise>
      </xsl:choose>
    </fo:block>
    <fo:block font-weight="bold" font-size="{$title-font-size}" color="{$heading-colour}"
              space-after="{$heading-space}" border-bottom="1.5pt solid {$rule-colour}"
              padding-bottom="3pt" text-align="start">
      <xsl:call-template name="qr-upper">
        <xsl:with-param name="text" select="normalize-space(a:committee/a:name)"/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template name="a-meeting-table">
    <fo:table table-layout="fixed" width="100%" space-after="{$heading-space}">
      <fo:table-column column-width="20mm"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="15mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <fo:table-row>
          <fo:table-cell padding="2pt"><fo:block font-weight="bold"><xsl:value-of select="$agenda-text-date"/></fo:block></fo:table-cell>
          <fo:table-cell padding="2pt">
            <fo:block>
              <xsl:call-template name="qr-format-date">
                <xsl:with-param name="date" select="a:meeting/a:date"/>
              </xsl:call-template>
            </fo:block>
          </fo:table-cell>
          <fo:table-cell padding="2pt"><fo:block font-weight="bold"><xsl:value-of select="$agenda-text-time"/></fo:block></fo:table-cell>
          <fo:table-cell padding="2pt">
            <fo:block>
              <xsl:call-template name="qr-format-time">
                <xsl:with-param name="time" select="a:meeting/a:time"/>
              </xsl:call-template>
            </fo:block>
          </fo:table-cell>
        </fo:table-row>
        <fo:table-row>
          <fo:table-cell padding="2pt"><fo:block font-weight="bold"><xsl:value-of select="$agenda-text-venue"/></fo:block></fo:table-cell>
          <fo:table-cell padding="2pt" number-columns-spanned="3">
            <fo:block><xsl:value-of select="normalize-space(a:meeting/a:venue)"/></fo:block>
          </fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>
    <xsl:if test="@published">
      <fo:block font-size="{$small-font-size}" space-after="{$paragraph-space}">
        <xsl:value-of select="$agenda-text-published"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="qr-format-date">
          <xsl:with-param name="date" select="@published"/>
        </xsl:call-template>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="a:contacts">
    <fo:block font-weight="bold" space-after="3pt" keep-with-next.within-page="always">
      <xsl:value-of select="$agenda-text-enquiries"/>
    </fo:block>
    <fo:table table-layout="fixed" width="100%" space-after="{$heading-space}"
              border="0.5pt solid {$rule-colour}" font-size="{$small-font-size}">
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(3)"/>
      <fo:table-column column-width="proportional-column-width(2)"/>
      <xsl:if test="a:contact/a:email">
        <fo:table-column column-width="proportional-column-width(4)"/>
      </xsl:if>
      <fo:table-body>
        <xsl:for-each select="a:contact">
          <fo:table-row>
            <fo:table-cell padding="2pt 3pt"><fo:block font-weight="bold"><xsl:value-of select="normalize-space(a:purpose)"/></fo:block></fo:table-cell>
            <fo:table-cell padding="2pt 3pt"><fo:block><xsl:value-of select="normalize-space(a:name)"/></fo:block></fo:table-cell>
            <fo:table-cell padding="2pt 3pt"><fo:block><xsl:value-of select="normalize-space(a:phone)"/></fo:block></fo:table-cell>
            <xsl:if test="../a:contact/a:email">
              <fo:table-cell padding="2pt 3pt">
                <fo:block>
                  <xsl:if test="a:email">
                    <fo:basic-link external-destination="url(mailto:{normalize-space(a:email)})" color="{$link-colour}">
                      <xsl:value-of select="normalize-space(a:email)"/>
                    </fo:basic-link>
                  </xsl:if>
                </fo:block>
              </fo:table-cell>
            </xsl:if>
          </fo:table-row>
        </xsl:for-each>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <!-- "A, B, C and D", with (Chair) after the chair. -->
  <xsl:template name="a-names">
    <xsl:param name="people"/>
    <xsl:for-each select="$people">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"><xsl:text> and </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:choose>
        <xsl:when test="@role = 'chair'"> (Chair)</xsl:when>
        <xsl:when test="@role = 'vice-chair'"> (Vice-Chair)</xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="a:committee" mode="membership">
    <xsl:if test="a:membership">
      <fo:block space-after="{$paragraph-space}" text-align="start">
        <fo:inline font-weight="bold" text-decoration="underline"><xsl:value-of select="$agenda-text-membership"/></fo:inline>
        <xsl:text>: </xsl:text>
        <xsl:value-of select="$agenda-text-councillors"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="a-names">
          <xsl:with-param name="people" select="a:membership/a:member"/>
        </xsl:call-template>
      </fo:block>
    </xsl:if>
    <xsl:if test="a:co-optees">
      <fo:block space-after="{$paragraph-space}" text-align="start">
        <fo:inline font-weight="bold"><xsl:value-of select="$agenda-text-co-optees"/></fo:inline>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="a-names">
          <xsl:with-param name="people" select="a:co-optees/a:co-optee"/>
        </xsl:call-template>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <xsl:template match="a:notes">
    <fo:block space-before="{$paragraph-space}" font-size="{$small-font-size}">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- One item: number, title (a link to its papers in the pack) and
       description, and the page range of its papers. -->
  <xsl:template name="a-item-row">
    <xsl:param name="doc-id"/>
    <xsl:param name="pack" select="'no'"/>
    <xsl:variable name="n" select="position()"/>
    <xsl:variable name="included">
      <xsl:call-template name="a-papers-included"/>
    </xsl:variable>
    <xsl:variable name="first-id">
      <xsl:call-template name="a-attachment-id">
        <xsl:with-param name="n" select="$n"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="last-id">
      <xsl:call-template name="a-attachment-id">
        <xsl:with-param name="n" select="$n"/>
        <xsl:with-param name="k" select="count(a:attach)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="linked" select="$pack = 'yes' and $included = 'yes'"/>
    <fo:table-row keep-together.within-page="always">
      <fo:table-cell padding-top="6pt" padding-bottom="3pt">
        <fo:block font-weight="bold" id="{$doc-id}-item{$n}">
          <fo:marker marker-class-name="qr-continued">
            <xsl:if test="position() != last()">
              <xsl:value-of select="$agenda-text-continued"/>
            </xsl:if>
          </fo:marker>
          <xsl:value-of select="$n"/>.
        </fo:block>
      </fo:table-cell>
      <fo:table-cell padding-top="6pt" padding-bottom="3pt">
        <fo:block font-weight="bold" text-align="start" keep-with-next.within-page="always">
          <xsl:choose>
            <xsl:when test="$linked">
              <fo:basic-link internal-destination="{$first-id}">
                <xsl:apply-templates select="a:title/node()"/>
              </fo:basic-link>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="a:title/node()"/>
            </xsl:otherwise>
          </xsl:choose>
        </fo:block>
        <xsl:if test="a:description">
          <fo:block space-before="3pt">
            <xsl:apply-templates select="a:description/*"/>
          </fo:block>
        </xsl:if>
        <xsl:if test="a:exempt">
          <fo:block font-size="{$small-font-size}" font-style="italic" space-before="3pt"
                    text-align="start">
            <xsl:value-of select="$agenda-text-exempt-item"/>
            <xsl:text> </xsl:text>
            <xsl:value-of select="a:exempt/@paragraph"/>
            <xsl:text> of Part 1 of Schedule 12A to the Local Government Act 1972</xsl:text>
            <xsl:if test="normalize-space(a:exempt) != ''">
              <xsl:text> (</xsl:text>
              <xsl:value-of select="normalize-space(a:exempt)"/>
              <xsl:text>)</xsl:text>
            </xsl:if>
            <xsl:text>.</xsl:text>
            <xsl:if test="a:attach and $edition != 'members'">
              <xsl:text> </xsl:text>
              <xsl:value-of select="$agenda-text-exempt-papers-withheld"/>
            </xsl:if>
          </fo:block>
        </xsl:if>
      </fo:table-cell>
      <fo:table-cell padding-top="6pt" padding-bottom="3pt">
        <fo:block text-align="end">
          <xsl:if test="$linked">
            <fo:basic-link internal-destination="{$first-id}" keep-together.within-line="always">
              <fo:page-number-citation ref-id="{$first-id}"/>
              <xsl:text> - </xsl:text>
              <fo:page-number-citation-last ref-id="{$last-id}-end"/>
            </fo:basic-link>
          </xsl:if>
        </fo:block>
      </fo:table-cell>
    </fo:table-row>
  </xsl:template>

</xsl:stylesheet>
