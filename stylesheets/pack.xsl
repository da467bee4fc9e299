<?xml version="1.0" encoding="UTF-8"?>
<!--
  pack.xsl: the whole pack as one fo:root: run on the AGENDA, it makes the
  frontsheet and then pulls in each item's attached documents, in item
  order, with page numbers running through, bookmarks for every item and
  document, the public/members' editions of exempt items, DRAFT and duplex.

  CONTRACT with the document stylesheets (full text in
  docs/stylesheet-contract.md):
  - Each document stylesheet (agenda.xsl, minutes.xsl, report.xsl, ...) is
    imported below, and has, for its root element, in its own namespace:
      <xsl:template match="x:root" mode="pack">       its fo:page-sequence(s)
      <xsl:template match="x:root" mode="bookmarks">  its fo:bookmark(s)
    both taking the xsl:params
      item-number       the agenda item number ('' when alone)
      doc-id            id of its FIRST page-sequence ('doc-item4', or
                        'doc-item4-att2' for an item's second attachment;
                        its further sequences are '{$doc-id}-2', ...)
      exempt-paragraph  '' or the Schedule 12A paragraph (members' edition
                        of an exempt item: NOT FOR PUBLICATION on each page)
      running-header    '' or the text for the running header
    and ending its last flow with <fo:block id="{$doc-id}-end"/>, which
    the frontsheet cites for the last page of the item's range.
  - Page-sequences use masters qr-portrait / qr-landscape and call
    qr-sequence-attributes and qr-static-content (stylesheets/common/).
  - Global params (stylesheets/common/params.xsl): edition ('public' |
    'members'), draft ('yes' | 'no'), duplex ('yes' | 'no').
  A new document type: write its stylesheet to this contract and add one
  xsl:import line below.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:a="urn:quire:agenda:1"
                exclude-result-prefixes="a">

  <!-- Lowest precedence first: the fallback for unknown documents. -->
  <xsl:import href="common/fallback.xsl"/>
  <xsl:import href="agenda.xsl"/>
  <xsl:import href="minutes.xsl"/>
  <xsl:import href="report.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- The documents whose footnotes common/inline.xsl numbers in one pass:
       the agenda and its attachments, resolved as whole-pack resolves
       them (libxslt loads each document once). -->
  <xsl:variable name="qr-footnote-docs"
                select="/ | document(/a:agenda/a:items/a:item/a:attach/@href)"/>

  <xsl:template match="/">
    <xsl:if test="not(a:agenda)">
      <xsl:message terminate="yes">
        <xsl:text>pack.xsl: error: a pack is built from an agenda (urn:quire:agenda:1), not from {</xsl:text>
        <xsl:value-of select="namespace-uri(*)"/>
        <xsl:text>}</xsl:text>
        <xsl:value-of select="local-name(*)"/>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="a:agenda" mode="whole-pack"/>
  </xsl:template>

  <xsl:template match="a:agenda" mode="whole-pack">
    <xsl:variable name="header">
      <xsl:call-template name="a-running-header"/>
    </xsl:variable>
    <!-- Stop early, with the item and path, if an attachment is missing. -->
    <xsl:for-each select="a:items/a:item/a:attach">
      <xsl:if test="not(document(@href, .)/*)">
        <xsl:message terminate="yes">
          <xsl:text>pack.xsl: error: agenda item </xsl:text>
          <xsl:value-of select="count(../preceding-sibling::a:item) + 1"/>
          <xsl:text>: cannot read the attached document "</xsl:text>
          <xsl:value-of select="@href"/>
          <xsl:text>"</xsl:text>
        </xsl:message>
      </xsl:if>
    </xsl:for-each>
    <fo:root>
      <xsl:attribute name="language"><xsl:value-of select="$language"/></xsl:attribute>
      <xsl:call-template name="qr-layout-master-set"/>
      <!-- The PDF's title and language (XMP, as FOP reads it too). -->
      <fo:declarations>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
          <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title><xsl:value-of select="$header"/></dc:title>
              <dc:language>
                <xsl:value-of select="$language"/>
                <xsl:if test="$country != ''">-<xsl:value-of select="$country"/></xsl:if>
              </dc:language>
            </rdf:Description>
          </rdf:RDF>
        </x:xmpmeta>
      </fo:declarations>
      <fo:bookmark-tree>
        <fo:bookmark internal-destination="frontsheet" starting-state="show">
          <fo:bookmark-title>
            <xsl:text>Agenda: </xsl:text>
            <xsl:value-of select="$header"/>
          </fo:bookmark-title>
        </fo:bookmark>
        <xsl:for-each select="a:items/a:item">
          <xsl:variable name="n" select="position()"/>
          <xsl:variable name="included">
            <xsl:call-template name="a-papers-included"/>
          </xsl:variable>
          <xsl:variable name="exempt">
            <xsl:if test="a:exempt"><xsl:value-of select="a:exempt/@paragraph"/></xsl:if>
          </xsl:variable>
          <fo:bookmark starting-state="show">
            <xsl:attribute name="internal-destination">
              <xsl:choose>
                <xsl:when test="$included = 'yes'">
                  <xsl:call-template name="a-attachment-id">
                    <xsl:with-param name="n" select="$n"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="concat('frontsheet-item', $n)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <fo:bookmark-title>
              <xsl:value-of select="concat($n, '. ', normalize-space(a:title))"/>
            </fo:bookmark-title>
            <xsl:if test="$included = 'yes'">
              <xsl:for-each select="a:attach">
                <xsl:apply-templates select="document(@href, .)/*" mode="bookmarks">
                  <xsl:with-param name="item-number" select="string($n)"/>
                  <xsl:with-param name="doc-id">
                    <xsl:call-template name="a-attachment-id">
                      <xsl:with-param name="n" select="$n"/>
                      <xsl:with-param name="k" select="position()"/>
                    </xsl:call-template>
                  </xsl:with-param>
                  <xsl:with-param name="exempt-paragraph" select="$exempt"/>
                  <xsl:with-param name="running-header" select="$header"/>
                </xsl:apply-templates>
              </xsl:for-each>
            </xsl:if>
          </fo:bookmark>
        </xsl:for-each>
      </fo:bookmark-tree>

      <xsl:apply-templates select="." mode="pack">
        <xsl:with-param name="doc-id" select="'frontsheet'"/>
        <xsl:with-param name="running-header" select="$header"/>
        <xsl:with-param name="pack" select="'yes'"/>
      </xsl:apply-templates>

      <xsl:for-each select="a:items/a:item">
        <xsl:variable name="n" select="position()"/>
        <xsl:variable name="included">
          <xsl:call-template name="a-papers-included"/>
        </xsl:variable>
        <xsl:variable name="exempt">
          <xsl:if test="a:exempt"><xsl:value-of select="a:exempt/@paragraph"/></xsl:if>
        </xsl:variable>
        <xsl:if test="$included = 'yes'">
          <xsl:for-each select="a:attach">
            <xsl:apply-templates select="document(@href, .)/*" mode="pack">
              <xsl:with-param name="item-number" select="string($n)"/>
              <xsl:with-param name="doc-id">
                <xsl:call-template name="a-attachment-id">
                  <xsl:with-param name="n" select="$n"/>
                  <xsl:with-param name="k" select="position()"/>
                </xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="exempt-paragraph" select="$exempt"/>
              <xsl:with-param name="running-header" select="$header"/>
            </xsl:apply-templates>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </fo:root>
  </xsl:template>

</xsl:stylesheet>
