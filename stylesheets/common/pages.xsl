<?xml version="1.0" encoding="UTF-8"?>
<!--
  pages.xsl: the page masters every document and the pack share (A4
  portrait and landscape, with odd/even/blank alternatives for duplex
  printing), the running header and footer, the DRAFT and NOT FOR
  PUBLICATION marks, and the attributes every page-sequence carries.

  Named templates (stable names, used by agenda/minutes/report/pack):
    qr-layout-master-set       the fo:layout-master-set
    qr-sequence-attributes     attributes for an fo:page-sequence (call as
                               the first thing inside it): font, language,
                               initial page number. Param first ('yes' for
                               the first sequence of a standalone document).
    qr-static-content          the fo:static-content for a sequence. Params:
                               running-header (committee and meeting date),
                               exempt-paragraph ('' or the Schedule 12A
                               paragraph number, for NOT FOR PUBLICATION),
                               continued ('yes': "... Continued" footer
                               from marker class qr-continued).
    qr-item-number-block       "Agenda Item N" at the top of an attached
                               document's first page. Param item-number.
  Master names: 'qr-portrait' and 'qr-landscape' (page-sequence-masters).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <!-- Body margin inside the region-body, below the header and above the
       footer, so running text never touches the page text. -->
  <xsl:variable name="qr-gap" select="'4mm'"/>

  <!-- Left and right page margins for odd (recto) and even (verso) pages.
       Duplex: the binding margin goes on the inner edge. -->
  <xsl:variable name="qr-odd-left">
    <xsl:choose>
      <xsl:when test="$duplex = 'yes'"><xsl:value-of select="concat($margin-inner, ' + ', $binding-margin)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$margin-inner"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="qr-even-right">
    <xsl:choose>
      <xsl:when test="$duplex = 'yes'"><xsl:value-of select="concat($margin-inner, ' + ', $binding-margin)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$margin-outer"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="qr-even-left">
    <xsl:choose>
      <xsl:when test="$duplex = 'yes'"><xsl:value-of select="$margin-outer"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$margin-inner"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- initial-page-number for every page-sequence: page numbers run on
       through the pack; duplex starts each document on an odd page. -->
  <xsl:variable name="qr-initial-page-number">
    <xsl:choose>
      <xsl:when test="$duplex = 'yes'">auto-odd</xsl:when>
      <xsl:otherwise>auto</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template name="qr-simple-master">
    <xsl:param name="name"/>
    <xsl:param name="width"/>
    <xsl:param name="height"/>
    <xsl:param name="left"/>
    <xsl:param name="right"/>
    <xsl:param name="blank" select="'no'"/>
    <fo:simple-page-master master-name="{$name}"
                           page-width="{$width}" page-height="{$height}"
                           margin-top="{$margin-top}" margin-bottom="{$margin-bottom}"
                           margin-left="{$left}" margin-right="{$right}">
      <fo:region-body margin-top="{$header-extent} + {$qr-gap}"
                      margin-bottom="{$footer-extent} + {$qr-gap}"/>
      <xsl:choose>
        <xsl:when test="$blank = 'yes'">
          <!-- A blank page has no flow; its message lives in a tall
               before-region so it sits a third of the way down. -->
          <fo:region-before region-name="qr-blank-before" extent="100mm"/>
        </xsl:when>
        <xsl:otherwise>
          <fo:region-before region-name="qr-before" extent="{$header-extent}"/>
        </xsl:otherwise>
      </xsl:choose>
      <fo:region-after region-name="qr-after" extent="{$footer-extent}"/>
    </fo:simple-page-master>
  </xsl:template>

  <xsl:template name="qr-layout-master-set">
    <fo:layout-master-set>
      <xsl:call-template name="qr-simple-master">
        <xsl:with-param name="name" select="'qr-portrait-odd'"/>
        <xsl:with-param name="width" select="$page-width"/>
        <xsl:with-param name="height" select="$page-height"/>
        <xsl:with-param name="left" select="$qr-odd-left"/>
        <xsl:with-param name="right" select="$margin-outer"/>
      </xsl:call-template>
      <xsl:call-template name="qr-simple-master">
        <xsl:with-param name="name" select="'qr-portrait-even'"/>
        <xsl:with-param name="width" select="$page-width"/>
        <xsl:with-param name="height" select="$page-height"/>
        <xsl:with-param name="left" select="$qr-even-left"/>
        <xsl:with-param name="right" select="$qr-even-right"/>
      </xsl:call-template>
      <xsl:call-template name="qr-simple-master">
        <xsl:with-param name="name" select="'qr-portrait-blank'"/>
        <xsl:with-param name="width" select="$page-width"/>
        <xsl:with-param name="height" select="$page-height"/>
        <xsl:with-param name="left" select="$qr-even-left"/>
        <xsl:with-param name="right" select="$qr-even-right"/>
        <xsl:with-param name="blank" select="'yes'"/>
      </xsl:call-template>
      <!-- Landscape: the same margins, the page turned; the binding edge
           stays on the left/right as printed. -->
      <xsl:call-template name="qr-simple-master">
        <xsl:with-param name="name" select="'qr-landscape-odd'"/>
        <xsl:with-param name="width" select="$page-height"/>
        <xsl:with-param name="height" select="$page-width"/>
        <xsl:with-param name="left" select="$qr-odd-left"/>
        <xsl:with-param name="right" select="$margin-outer"/>
      </xsl:call-template>
      <xsl:call-template name="qr-simple-master">
        <xsl:with-param name="name" select="'qr-landscape-even'"/>
        <xsl:with-param name="width" select="$page-height"/>
        <xsl:with-param name="height" select="$page-width"/>
        <xsl:with-param name="left" select="$qr-even-left"/>
        <xsl:with-param name="right" select="$qr-even-right"/>
      </xsl:call-template>
      <xsl:call-template name="qr-simple-master">
        <xsl:with-param name="name" select="'qr-landscape-blank'"/>
        <xsl:with-param name="width" select="$page-height"/>
        <xsl:with-param name="height" select="$page-width"/>
        <xsl:with-param name="left" select="$qr-even-left"/>
        <xsl:with-param name="right" select="$qr-even-right"/>
        <xsl:with-param name="blank" select="'yes'"/>
      </xsl:call-template>

      <fo:page-sequence-master master-name="qr-portrait">
        <fo:repeatable-page-master-alternatives>
          <fo:conditional-page-master-reference master-reference="qr-portrait-blank" blank-or-not-blank="blank"/>
          <fo:conditional-page-master-reference master-reference="qr-portrait-odd" odd-or-even="odd"/>
          <fo:conditional-page-master-reference master-reference="qr-portrait-even" odd-or-even="even"/>
        </fo:repeatable-page-master-alternatives>
      </fo:page-sequence-master>
      <fo:page-sequence-master master-name="qr-landscape">
        <fo:repeatable-page-master-alternatives>
          <fo:conditional-page-master-reference master-reference="qr-landscape-blank" blank-or-not-blank="blank"/>
          <fo:conditional-page-master-reference master-reference="qr-landscape-odd" odd-or-even="odd"/>
          <fo:conditional-page-master-reference master-reference="qr-landscape-even" odd-or-even="even"/>
        </fo:repeatable-page-master-alternatives>
      </fo:page-sequence-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- Inherited properties for a whole page-sequence. Call first inside
       fo:page-sequence (it adds attributes). -->
  <xsl:template name="qr-sequence-attributes">
    <xsl:param name="id" select="''"/>
    <xsl:if test="$id != ''">
      <xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
    </xsl:if>
    <xsl:attribute name="initial-page-number"><xsl:value-of select="$qr-initial-page-number"/></xsl:attribute>
    <xsl:attribute name="font-family"><xsl:value-of select="$body-font-family"/></xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$body-font-size"/></xsl:attribute>
    <xsl:attribute name="line-height"><xsl:value-of select="$line-height"/></xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$text-colour"/></xsl:attribute>
    <xsl:attribute name="language"><xsl:value-of select="$language"/></xsl:attribute>
    <xsl:attribute name="country"><xsl:value-of select="$country"/></xsl:attribute>
    <xsl:attribute name="hyphenate"><xsl:value-of select="$hyphenate"/></xsl:attribute>
  </xsl:template>

  <xsl:template name="qr-draft-block">
    <xsl:if test="$draft = 'yes'">
      <fo:block text-align="center" font-size="24pt" font-weight="bold"
                line-height="1" color="{$draft-colour}">
        <xsl:value-of select="$text-draft"/>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <xsl:template name="qr-static-content">
    <xsl:param name="running-header" select="''"/>
    <xsl:param name="exempt-paragraph" select="''"/>
    <!-- 'yes': the footer shows the marker class qr-continued last set on
         the page (the frontsheet sets "... Continued" on every item but
         the last, so a page that does not end the list says so). -->
    <xsl:param name="continued" select="'no'"/>
    <fo:static-content flow-name="qr-before">
      <fo:block font-size="{$header-font-size}" color="{$running-colour}"
                text-align="center" line-height="1.2">
        <xsl:value-of select="$running-header"/>
      </fo:block>
      <xsl:call-template name="qr-draft-block"/>
    </fo:static-content>
    <fo:static-content flow-name="qr-blank-before">
      <fo:block font-size="{$header-font-size}" color="{$running-colour}"
                text-align="center" line-height="1.2">
        <xsl:value-of select="$running-header"/>
      </fo:block>
      <xsl:call-template name="qr-draft-block"/>
      <fo:block space-before="60mm" text-align="center"
                font-size="{$body-font-size}" font-style="italic">
        <xsl:value-of select="$text-blank-page"/>
      </fo:block>
    </fo:static-content>
    <fo:static-content flow-name="qr-after">
      <xsl:if test="$continued = 'yes'">
        <fo:block text-align="end" font-size="{$body-font-size}" font-weight="bold">
          <fo:retrieve-marker retrieve-class-name="qr-continued"
                              retrieve-position="last-starting-within-page"
                              retrieve-boundary="page-sequence"/>
        </fo:block>
      </xsl:if>
      <xsl:if test="$exempt-paragraph != ''">
        <fo:block text-align="center" font-size="{$footer-font-size}"
                  font-weight="bold" color="{$exempt-colour}">
          <xsl:value-of select="$text-not-for-publication"/>
          <xsl:text> – Local Government Act 1972, Schedule 12A, paragraph </xsl:text>
          <xsl:value-of select="$exempt-paragraph"/>
        </fo:block>
      </xsl:if>
      <fo:block text-align="center" font-size="{$footer-font-size}">
        <xsl:value-of select="$text-page"/>
        <xsl:text> </xsl:text>
        <fo:page-number/>
      </fo:block>
    </fo:static-content>
    <fo:static-content flow-name="xsl-footnote-separator">
      <fo:block space-before="6pt" space-after="3pt">
        <fo:leader leader-pattern="rule" leader-length="50mm"
                   rule-thickness="0.5pt" color="{$rule-colour}"/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <xsl:template name="qr-item-number-block">
    <xsl:param name="item-number" select="''"/>
    <xsl:param name="exempt-paragraph" select="''"/>
    <xsl:if test="$item-number != ''">
      <fo:block text-align="end" font-weight="bold" font-size="{$heading1-font-size}"
                space-after="6pt" keep-with-next.within-page="always">
        <xsl:value-of select="$text-agenda-item"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="$item-number"/>
      </fo:block>
    </xsl:if>
    <xsl:if test="$exempt-paragraph != ''">
      <fo:block text-align="center" font-weight="bold" color="{$exempt-colour}"
                border="1pt solid {$exempt-colour}" padding="3pt" space-after="9pt"
                keep-with-next.within-page="always">
        <xsl:value-of select="$text-not-for-publication"/>
        <fo:block font-weight="normal" font-size="{$small-font-size}">
          <xsl:text>By virtue of paragraph </xsl:text>
          <xsl:value-of select="$exempt-paragraph"/>
          <xsl:text> of Part 1 of Schedule 12A of the Local Government Act 1972.</xsl:text>
        </fo:block>
      </fo:block>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
