<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.xsl: an officers' report (urn:quire:report:1) as XSL-FO: the
  header block, numbered sections and paragraphs (1., 2.1, 3.10, computed
  here, never typed), the author's contact line, and appendices; a
  progress-report appendix becomes the landscape table of recommendations
  (stylesheets/progress.xsl) with a count of statuses before it.

  Follows docs/stylesheet-contract.md: mode "pack" on r:report gives the
  page-sequences, mode "bookmarks" the fo:bookmark, and "/" a complete
  fo:root for the report alone.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:r="urn:quire:report:1"
                exclude-result-prefixes="r">

  <xsl:import href="common/common.xsl"/>
  <xsl:include href="progress.xsl"/>

  <!-- Words the report prints (translate for a Welsh edition). -->
  <xsl:param name="report-text-report-of" select="'REPORT OF'"/>
  <xsl:param name="report-text-prepared-by" select="'Report prepared by'"/>
  <xsl:param name="report-text-appendix" select="'Appendix'"/>
  <!-- How far numbered paragraphs' text sits from the margin (the
       number hangs in this space). -->
  <xsl:param name="report-number-width" select="'15mm'"/>

  <!-- ===== the report alone ===== -->

  <xsl:template match="/">
    <fo:root>
      <xsl:call-template name="qr-layout-master-set"/>
      <fo:bookmark-tree>
        <xsl:apply-templates select="r:report" mode="bookmarks">
          <xsl:with-param name="doc-id" select="'report'"/>
        </xsl:apply-templates>
      </fo:bookmark-tree>
      <xsl:apply-templates select="r:report" mode="pack">
        <xsl:with-param name="doc-id" select="'report'"/>
      </xsl:apply-templates>
    </fo:root>
  </xsl:template>

  <!-- An author's id, made unique within a pack: every document of a pack
       is a different tree, so the id of its root node tells them apart.
       Used for fo ids and for "#id" links alike, so they always agree. -->
  <xsl:template name="r-anchor">
    <xsl:param name="id" select="@id"/>
    <xsl:value-of select="concat('r', generate-id(/), '-', $id)"/>
  </xsl:template>

  <!-- The id of a section or appendix: its own id, or one made from its
       position when the author gave none. -->
  <xsl:template name="r-block-id">
    <xsl:call-template name="r-anchor">
      <xsl:with-param name="id">
        <xsl:choose>
          <xsl:when test="@id"><xsl:value-of select="@id"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat(local-name(), '-', count(preceding-sibling::*[local-name() = local-name(current())]) + 1)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "CHILDREN & YOUNG PEOPLE SCRUTINY COMMITTEE – 12 SEPTEMBER 2017" -->
  <xsl:template name="r-committee-line">
    <xsl:call-template name="qr-upper">
      <xsl:with-param name="text" select="normalize-space(/r:report/r:header/r:committee)"/>
    </xsl:call-template>
    <xsl:text> – </xsl:text>
    <xsl:call-template name="qr-format-date">
      <xsl:with-param name="date" select="/r:report/r:header/r:meeting-date"/>
      <xsl:with-param name="style" select="'upper'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== bookmarks ===== -->

  <xsl:template match="r:report" mode="bookmarks">
    <xsl:param name="doc-id" select="'report'"/>
    <xsl:param name="item-number" select="''"/>
    <fo:bookmark internal-destination="{$doc-id}" starting-state="hide">
      <!-- The pack's bookmark for the agenda item already carries its
           number; this one names the document. -->
      <fo:bookmark-title>
        <xsl:value-of select="normalize-space(r:header/r:title)"/>
      </fo:bookmark-title>
      <xsl:for-each select="r:section">
        <fo:bookmark>
          <xsl:attribute name="internal-destination"><xsl:call-template name="r-block-id"/></xsl:attribute>
          <fo:bookmark-title>
            <xsl:value-of select="concat(position(), '. ', normalize-space(r:title))"/>
          </fo:bookmark-title>
        </fo:bookmark>
      </xsl:for-each>
      <xsl:for-each select="r:appendix">
        <fo:bookmark>
          <xsl:attribute name="internal-destination"><xsl:call-template name="r-block-id"/></xsl:attribute>
          <!-- One per recommendation, closed under its appendix: a long
               table is found by number on screen. -->
          <xsl:if test="r:progress-report">
            <xsl:attribute name="starting-state">hide</xsl:attribute>
          </xsl:if>
          <fo:bookmark-title>
            <xsl:value-of select="concat($report-text-appendix, ' ', @label, ': ', normalize-space(r:title))"/>
          </fo:bookmark-title>
          <xsl:for-each select="r:progress-report/r:recommendation">
            <fo:bookmark>
              <xsl:attribute name="internal-destination">
                <xsl:call-template name="r-anchor">
                  <xsl:with-param name="id" select="concat('rec-', @number)"/>
                </xsl:call-template>
              </xsl:attribute>
              <fo:bookmark-title>
                <xsl:value-of select="@number"/>
                <xsl:if test="r:title">
                  <xsl:value-of select="concat(' ', normalize-space(r:title))"/>
                </xsl:if>
              </fo:bookmark-title>
            </fo:bookmark>
          </xsl:for-each>
        </fo:bookmark>
      </xsl:for-each>
    </fo:bookmark>
  </xsl:template>

  <!-- ===== page-sequences ===== -->

  <xsl:template match="r:report" mode="pack">
    <xsl:param name="doc-id" select="'report'"/>
    <xsl:param name="item-number" select="''"/>
    <xsl:param name="exempt-paragraph" select="''"/>
    <xsl:param name="running-header" select="''"/>

    <xsl:variable name="exempt">
      <xsl:choose>
        <xsl:when test="$exempt-paragraph != ''"><xsl:value-of select="$exempt-paragraph"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="r:header/r:exempt/@paragraph"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="header">
      <xsl:choose>
        <xsl:when test="$running-header != ''"><xsl:value-of select="$running-header"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="r-committee-line"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <fo:page-sequence master-reference="qr-portrait">
      <xsl:call-template name="qr-sequence-attributes">
        <xsl:with-param name="id" select="$doc-id"/>
      </xsl:call-template>
      <xsl:call-template name="qr-static-content">
        <xsl:with-param name="running-header" select="$header"/>
        <xsl:with-param name="exempt-paragraph" select="$exempt"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body">
        <xsl:call-template name="qr-item-number-block">
          <xsl:with-param name="item-number" select="$item-number"/>
          <xsl:with-param name="exempt-paragraph" select="$exempt"/>
        </xsl:call-template>
        <xsl:apply-templates select="r:header"/>
        <xsl:apply-templates select="r:section"/>
        <xsl:apply-templates select="r:prepared-by"/>
        <xsl:if test="not(r:appendix)">
          <fo:block id="{$doc-id}-end"/>
        </xsl:if>
      </fo:flow>
    </fo:page-sequence>

    <xsl:for-each select="r:appendix">
      <xsl:variable name="orientation">
        <xsl:choose>
          <xsl:when test="@orientation"><xsl:value-of select="@orientation"/></xsl:when>
          <xsl:when test="r:progress-report">landscape</xsl:when>
          <xsl:otherwise>portrait</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <fo:page-sequence master-reference="qr-{$orientation}">
        <xsl:call-template name="qr-sequence-attributes">
          <xsl:with-param name="id" select="concat($doc-id, '-', position() + 1)"/>
        </xsl:call-template>
        <xsl:call-template name="qr-static-content">
          <xsl:with-param name="running-header" select="$header"/>
          <xsl:with-param name="exempt-paragraph" select="$exempt"/>
        </xsl:call-template>
        <fo:flow flow-name="xsl-region-body">
          <xsl:apply-templates select="."/>
          <xsl:if test="position() = last()">
            <fo:block id="{$doc-id}-end"/>
          </xsl:if>
        </fo:flow>
      </fo:page-sequence>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== the header block ===== -->

  <xsl:template match="r:header">
    <fo:block font-weight="bold" text-align="center" space-after="12pt"
              hyphenate="false" keep-with-next.within-page="always">
      <fo:block font-size="{$heading1-font-size}" space-after="6pt">
        <xsl:call-template name="qr-upper">
          <xsl:with-param name="text" select="normalize-space(r:council)"/>
        </xsl:call-template>
      </fo:block>
      <fo:block space-after="12pt">
        <xsl:call-template name="r-committee-line"/>
      </fo:block>
      <fo:block space-after="12pt">
        <xsl:call-template name="qr-upper">
          <xsl:with-param name="text" select="normalize-space(r:title)"/>
        </xsl:call-template>
      </fo:block>
      <fo:block>
        <xsl:value-of select="$report-text-report-of"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="qr-upper">
          <xsl:with-param name="text" select="normalize-space(r:report-of)"/>
        </xsl:call-template>
      </fo:block>
    </fo:block>
  </xsl:template>

  <!-- ===== sections and numbered paragraphs ===== -->

  <xsl:template match="r:section">
    <xsl:variable name="n" select="count(preceding-sibling::r:section) + 1"/>
    <fo:block space-before="{$heading-space}">
      <xsl:attribute name="id"><xsl:call-template name="r-block-id"/></xsl:attribute>
      <fo:list-block provisional-distance-between-starts="{$report-number-width}"
                     provisional-label-separation="2mm"
                     space-after="{$paragraph-space}"
                     keep-with-next.within-page="always" hyphenate="false"
                     font-weight="bold" color="{$heading-colour}">
        <fo:list-item>
          <fo:list-item-label end-indent="label-end()">
            <fo:block><xsl:value-of select="concat($n, '.')"/></fo:block>
          </fo:list-item-label>
          <fo:list-item-body start-indent="body-start()">
            <fo:block text-decoration="underline">
              <xsl:call-template name="qr-upper">
                <xsl:with-param name="text" select="normalize-space(r:title)"/>
              </xsl:call-template>
            </fo:block>
          </fo:list-item-body>
        </fo:list-item>
      </fo:list-block>
      <!-- Everything in a section sits in the text column; numbered
           paragraphs hang their number in the margin to its left. -->
      <fo:block start-indent="{$report-number-width}">
        <xsl:apply-templates select="*[not(self::r:title)]"/>
      </fo:block>
    </fo:block>
  </xsl:template>

  <!-- Subheadings in a section go back to the margin. -->
  <xsl:template match="r:section/r:heading">
    <fo:block font-weight="bold" font-size="{$heading3-font-size}"
              color="{$heading-colour}" start-indent="0mm"
              space-before="{$heading-space}" space-after="{$paragraph-space}"
              keep-with-next.within-page="always" text-align="start">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- A numbered paragraph: "3.10." hanging in the margin. -->
  <xsl:template match="r:section/r:p[not(@numbered = 'no')]">
    <xsl:variable name="s" select="count(../preceding-sibling::r:section) + 1"/>
    <xsl:variable name="n" select="count(preceding-sibling::r:p[not(@numbered = 'no')]) + 1"/>
    <fo:list-block provisional-distance-between-starts="{$report-number-width}"
                   provisional-label-separation="2mm"
                   start-indent="0mm" space-after="{$paragraph-space}">
      <xsl:if test="@id">
        <xsl:attribute name="id"><xsl:call-template name="r-anchor"/></xsl:attribute>
      </xsl:if>
      <fo:list-item>
        <fo:list-item-label end-indent="label-end()">
          <fo:block><xsl:value-of select="concat($s, '.', $n, '.')"/></fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()">
          <fo:block text-align="{$text-align}" widows="2" orphans="2">
            <xsl:apply-templates/>
          </fo:block>
        </fo:list-item-body>
      </fo:list-item>
    </fo:list-block>
  </xsl:template>

  <!-- Any other paragraph of the report: as the common one, but with its
       id made unique in the pack. -->
  <xsl:template match="r:p">
    <fo:block space-after="{$paragraph-space}" text-align="{$text-align}"
              widows="2" orphans="2">
      <xsl:if test="@id">
        <xsl:attribute name="id"><xsl:call-template name="r-anchor"/></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- Links to a place in this report use the same unique ids. -->
  <xsl:template match="r:link[starts-with(@href, '#')]">
    <fo:basic-link color="{$link-colour}" text-decoration="underline">
      <xsl:attribute name="internal-destination">
        <xsl:call-template name="r-anchor">
          <xsl:with-param name="id" select="substring(@href, 2)"/>
        </xsl:call-template>
      </xsl:attribute>
      <xsl:choose>
        <xsl:when test="normalize-space(.) = ''"><xsl:value-of select="@href"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </fo:basic-link>
  </xsl:template>

  <xsl:template match="r:prepared-by">
    <!-- kept with the report's last lines: never alone on a page -->
    <fo:block space-before="18pt" keep-together.within-page="always"
              keep-with-previous.within-page="always">
      <xsl:value-of select="concat($report-text-prepared-by, ' ', normalize-space(r:name))"/>
      <xsl:for-each select="r:role | r:phone | r:email">
        <xsl:value-of select="concat(', ', normalize-space(.))"/>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </fo:block>
  </xsl:template>

  <!-- ===== appendices ===== -->

  <xsl:template match="r:appendix">
    <fo:block font-weight="bold" font-size="{$heading2-font-size}"
              color="{$heading-colour}" space-after="{$paragraph-space}"
              keep-with-next.within-page="always">
      <xsl:attribute name="id"><xsl:call-template name="r-block-id"/></xsl:attribute>
      <xsl:value-of select="concat($report-text-appendix, ' ', @label, ': ')"/>
      <xsl:apply-templates select="r:title/node()"/>
    </fo:block>
    <xsl:apply-templates select="*[not(self::r:title)]"/>
  </xsl:template>

</xsl:stylesheet>
