<?xml version="1.0" encoding="UTF-8"?>
<!--
  minutes.xsl: the minutes of a meeting (urn:quire:minutes:1) as XSL-FO:
  heading, attendance, numbered minutes with their reference (prefix and
  number, e.g. CYPSC-03) in a left column, end time, signature block and
  appendices. Alone it makes a complete fo:root; pack.xsl uses its
  mode="pack" and mode="bookmarks" templates (docs/stylesheet-contract.md).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:m="urn:quire:minutes:1"
                exclude-result-prefixes="m">

  <xsl:import href="common/common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Width of the left column holding the minute reference. -->
  <xsl:param name="minute-number-width" select="'30mm'"/>
  <xsl:param name="minutes-text-minutes-of" select="'Minutes of a meeting of the'"/>
  <xsl:param name="minutes-text-present" select="'Present'"/>
  <xsl:param name="minutes-text-also-present" select="'Also Present'"/>
  <xsl:param name="minutes-text-apologies" select="'Apologies'"/>
  <xsl:param name="minutes-text-councillors" select="'Councillors'"/>
  <xsl:param name="minutes-text-councillor" select="'Councillor'"/>
  <xsl:param name="minutes-text-co-optees" select="'co-optees'"/>
  <xsl:param name="minutes-text-co-optee" select="'co-optee'"/>
  <xsl:param name="minutes-text-ended" select="'The meeting ended at'"/>
  <xsl:param name="minutes-text-date" select="'Date'"/>
  <xsl:param name="minutes-text-resolved" select="'RESOLVED'"/>
  <xsl:param name="minutes-text-draft-minutes" select="'Draft minutes: subject to confirmation by the Committee'"/>
  <xsl:param name="minutes-text-exempt-minute" select="'This minute records business taken in private. It contains exempt information under paragraph'"/>

  <!-- ===== standalone: a complete fo:root ===== -->
  <xsl:template match="/">
    <fo:root>
      <xsl:attribute name="language"><xsl:value-of select="$language"/></xsl:attribute>
      <xsl:call-template name="qr-layout-master-set"/>
      <fo:bookmark-tree>
        <xsl:apply-templates select="m:minutes" mode="bookmarks">
          <xsl:with-param name="doc-id" select="'minutes'"/>
        </xsl:apply-templates>
      </fo:bookmark-tree>
      <xsl:apply-templates select="m:minutes" mode="pack">
        <xsl:with-param name="doc-id" select="'minutes'"/>
      </xsl:apply-templates>
    </fo:root>
  </xsl:template>

  <xsl:template name="m-date-text">
    <xsl:call-template name="qr-format-date">
      <xsl:with-param name="date" select="m:meeting/m:date"/>
      <xsl:with-param name="style" select="'short'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "CYPSC-03": the prefix and the number, two digits at least. -->
  <xsl:template name="m-minute-ref">
    <xsl:param name="minute" select="."/>
    <xsl:value-of select="concat(ancestor-or-self::m:minutes/@prefix, '-', format-number($minute/@number, '00'))"/>
  </xsl:template>

  <!-- ===== bookmarks ===== -->
  <xsl:template match="m:minutes" mode="bookmarks">
    <xsl:param name="item-number" select="''"/>
    <xsl:param name="doc-id" select="'minutes'"/>
    <xsl:param name="exempt-paragraph" select="''"/>
    <xsl:param name="running-header" select="''"/>
    <fo:bookmark internal-destination="{$doc-id}" starting-state="hide">
      <fo:bookmark-title>
        <xsl:text>Minutes of </xsl:text>
        <xsl:call-template name="m-date-text"/>
      </fo:bookmark-title>
      <xsl:for-each select="m:minute">
        <fo:bookmark internal-destination="{$doc-id}-min-{@number}">
          <fo:bookmark-title>
            <xsl:call-template name="m-minute-ref"/>
            <xsl:text> </xsl:text>
            <xsl:value-of select="normalize-space(m:title)"/>
          </fo:bookmark-title>
        </fo:bookmark>
      </xsl:for-each>
      <xsl:for-each select="m:appendix">
        <fo:bookmark internal-destination="{$doc-id}-app-{position()}">
          <fo:bookmark-title><xsl:value-of select="normalize-space(m:title)"/></fo:bookmark-title>
        </fo:bookmark>
      </xsl:for-each>
    </fo:bookmark>
  </xsl:template>

  <!-- ===== the page-sequence ===== -->
  <xsl:template match="m:minutes" mode="pack">
    <xsl:param name="item-number" select="''"/>
    <xsl:param name="doc-id" select="'minutes'"/>
    <xsl:param name="exempt-paragraph" select="''"/>
    <xsl:param name="running-header" select="''"/>
    <xsl:variable name="header">
      <xsl:choose>
        <xsl:when test="$running-header != ''"><xsl:value-of select="$running-header"/></xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="normalize-space(m:committee)"/>
          <xsl:text> – Minutes of </xsl:text>
          <xsl:call-template name="m-date-text"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:page-sequence master-reference="qr-portrait">
      <xsl:call-template name="qr-sequence-attributes">
        <xsl:with-param name="id" select="$doc-id"/>
      </xsl:call-template>
      <fo:title>
        <xsl:text>Minutes of </xsl:text>
        <xsl:call-template name="m-date-text"/>
      </fo:title>
      <xsl:call-template name="qr-static-content">
        <xsl:with-param name="running-header" select="$header"/>
        <xsl:with-param name="exempt-paragraph" select="$exempt-paragraph"/>
      </xsl:call-template>
      <fo:flow flow-name="xsl-region-body">
        <xsl:call-template name="qr-item-number-block">
          <xsl:with-param name="item-number" select="$item-number"/>
          <xsl:with-param name="exempt-paragraph" select="$exempt-paragraph"/>
        </xsl:call-template>
        <xsl:call-template name="m-heading"/>
        <xsl:apply-templates select="m:present | m:also-present | m:apologies"/>
        <xsl:for-each select="m:minute">
          <xsl:call-template name="m-minute">
            <xsl:with-param name="doc-id" select="$doc-id"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:apply-templates select="m:ended | m:signature"/>
        <xsl:for-each select="m:appendix">
          <fo:block break-before="page" id="{$doc-id}-app-{position()}">
            <fo:block font-weight="bold" font-size="{$heading1-font-size}"
                      space-after="{$heading-space}" keep-with-next.within-page="always">
              <xsl:apply-templates select="m:title/node()"/>
            </fo:block>
            <xsl:apply-templates select="*[not(self::m:title)]"/>
          </fo:block>
        </xsl:for-each>
        <fo:block id="{$doc-id}-end"/>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <xsl:template name="m-heading">
    <fo:block text-align="center" font-weight="bold" font-size="{$title-font-size}"
              color="{$heading-colour}" space-after="{$heading-space}"
              keep-with-next.within-page="always">
      <xsl:call-template name="qr-upper">
        <xsl:with-param name="text" select="normalize-space(m:committee)"/>
      </xsl:call-template>
    </fo:block>
    <xsl:if test="@status = 'draft'">
      <fo:block text-align="center" font-style="italic" space-after="{$paragraph-space}">
        <xsl:value-of select="$minutes-text-draft-minutes"/>
      </fo:block>
    </xsl:if>
    <fo:block font-weight="bold" space-after="{$heading-space}" text-align="{$text-align}">
      <xsl:value-of select="$minutes-text-minutes-of"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="normalize-space(m:committee)"/>
      <xsl:text> held on </xsl:text>
      <xsl:call-template name="qr-format-date">
        <xsl:with-param name="date" select="m:meeting/m:date"/>
      </xsl:call-template>
      <xsl:text> at </xsl:text>
      <xsl:call-template name="qr-format-time">
        <xsl:with-param name="time" select="m:meeting/m:time"/>
      </xsl:call-template>
      <xsl:text> in </xsl:text>
      <xsl:value-of select="normalize-space(m:meeting/m:venue)"/>
    </fo:block>
  </xsl:template>

  <!-- A list of names: "A, B, C and D". -->
  <xsl:template name="m-names">
    <xsl:param name="people"/>
    <xsl:for-each select="$people">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"><xsl:text> and </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:call-template name="m-role-mark"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="m-role-mark">
    <xsl:choose>
      <xsl:when test="@role = 'chair'"> (Chair)</xsl:when>
      <xsl:when test="@role = 'vice-chair'"> (Vice-Chair)</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="m:present">
    <fo:block space-after="{$heading-space}" text-align="{$text-align}">
      <fo:inline font-weight="bold"><xsl:value-of select="$minutes-text-present"/>:</fo:inline>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="count(m:member) = 1">
          <xsl:value-of select="$minutes-text-councillor"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$minutes-text-councillors"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="m:co-optee">
          <!-- "..., J Pinter, and co-optees Mrs C Healy and Mrs L Fowler" -->
          <xsl:for-each select="m:member">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
            <xsl:call-template name="m-role-mark"/>
          </xsl:for-each>
          <xsl:text>, and </xsl:text>
          <xsl:choose>
            <xsl:when test="count(m:co-optee) = 1">
              <xsl:value-of select="$minutes-text-co-optee"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="$minutes-text-co-optees"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text> </xsl:text>
          <xsl:call-template name="m-names">
            <xsl:with-param name="people" select="m:co-optee"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="m-names">
            <xsl:with-param name="people" select="m:member"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </fo:block>
  </xsl:template>

  <xsl:template match="m:also-present | m:apologies">
    <fo:block space-after="{$heading-space}" text-align="{$text-align}">
      <fo:inline font-weight="bold" text-decoration="underline">
        <xsl:choose>
          <xsl:when test="self::m:also-present"><xsl:value-of select="$minutes-text-also-present"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$minutes-text-apologies"/></xsl:otherwise>
        </xsl:choose>
      </fo:inline>
      <xsl:text>: </xsl:text>
      <xsl:for-each select="m:person">
        <xsl:if test="position() &gt; 1">; </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
        <xsl:if test="@role">
          <xsl:text>, </xsl:text>
          <xsl:value-of select="normalize-space(@role)"/>
        </xsl:if>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </fo:block>
  </xsl:template>

  <!-- One minute: reference in the left column, title and text beside. -->
  <xsl:template name="m-minute">
    <xsl:param name="doc-id"/>
    <fo:list-block provisional-distance-between-starts="{$minute-number-width}"
                   provisional-label-separation="3mm"
                   space-before="{$heading-space}" space-after="{$paragraph-space}"
                   id="{$doc-id}-min-{@number}">
      <fo:list-item>
        <fo:list-item-label end-indent="label-end()">
          <fo:block font-weight="bold">
            <xsl:call-template name="m-minute-ref"/>
          </fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()">
          <fo:block font-weight="bold" space-after="{$paragraph-space}"
                    keep-with-next.within-page="always">
            <xsl:apply-templates select="m:title/node()"/>
          </fo:block>
          <xsl:choose>
            <xsl:when test="@exempt-paragraph and $edition != 'members'">
              <fo:block font-style="italic">
                <xsl:value-of select="$minutes-text-exempt-minute"/>
                <xsl:text> </xsl:text>
                <xsl:value-of select="@exempt-paragraph"/>
                <xsl:text> of Part 1 of Schedule 12A to the Local Government Act 1972.</xsl:text>
              </fo:block>
            </xsl:when>
            <xsl:otherwise>
              <xsl:if test="@exempt-paragraph">
                <fo:block font-weight="bold" color="{$exempt-colour}" space-after="{$paragraph-space}">
                  <xsl:value-of select="$text-not-for-publication"/>
                  <xsl:text> (paragraph </xsl:text>
                  <xsl:value-of select="@exempt-paragraph"/>
                  <xsl:text>)</xsl:text>
                </fo:block>
              </xsl:if>
              <xsl:apply-templates select="*[not(self::m:title)]"/>
            </xsl:otherwise>
          </xsl:choose>
        </fo:list-item-body>
      </fo:list-item>
    </fo:list-block>
  </xsl:template>

  <!-- "RESOLVED – that ..." run in to the first paragraph. -->
  <xsl:template match="m:resolved">
    <xsl:for-each select="*">
      <xsl:choose>
        <xsl:when test="position() = 1 and self::m:p">
          <fo:block space-after="{$paragraph-space}" text-align="{$text-align}">
            <!-- "RESOLVED – that:" leads into its list: never alone at
                 the foot of a page. -->
            <xsl:if test="following-sibling::*[1][self::m:ol or self::m:ul]">
              <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
            </xsl:if>
            <fo:inline font-weight="bold">
              <xsl:value-of select="$minutes-text-resolved"/>
              <xsl:text> – </xsl:text>
            </fo:inline>
            <xsl:apply-templates/>
          </fo:block>
        </xsl:when>
        <xsl:when test="position() = 1">
          <fo:block font-weight="bold" keep-with-next.within-page="always">
            <xsl:value-of select="$minutes-text-resolved"/>
            <xsl:text> –</xsl:text>
          </fo:block>
          <xsl:apply-templates select="."/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="m:ended">
    <fo:block space-before="{$heading-space}" space-after="{$heading-space}">
      <xsl:value-of select="$minutes-text-ended"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="qr-format-time">
        <xsl:with-param name="time" select="."/>
      </xsl:call-template>
    </fo:block>
  </xsl:template>

  <xsl:template match="m:signature">
    <fo:block space-before="18pt" keep-together.within-page="always">
      <fo:block space-after="18pt">
        <xsl:value-of select="@label"/>
        <xsl:if test="not(@label)">Chairman</xsl:if>
        <xsl:text>: </xsl:text>
        <fo:leader leader-pattern="dots" leader-length="80mm"/>
      </fo:block>
      <fo:block>
        <xsl:value-of select="$minutes-text-date"/>
        <xsl:text>: </xsl:text>
        <fo:leader leader-pattern="dots" leader-length="80mm"/>
      </fo:block>
    </fo:block>
  </xsl:template>

</xsl:stylesheet>
