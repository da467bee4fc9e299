<?xml version="1.0" encoding="UTF-8"?>
<!-- Test stylesheet: a note as minimal XSL-FO. Exercises string
     parameters (greeting), document() of a local file (extra), and
     non-terminating xsl:message severities. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:n="urn:test:note"
                exclude-result-prefixes="n">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:param name="greeting" select="'hello'"/>
  <xsl:param name="extra" select="''"/>

  <xsl:template match="/n:note">
    <xsl:if test="@priority = 'high'">
      <xsl:message>note.xsl: warning: this note is high priority</xsl:message>
    </xsl:if>
    <xsl:message>a plain message</xsl:message>
    <fo:root>
      <fo:layout-master-set>
        <fo:simple-page-master master-name="p" page-width="210mm" page-height="297mm">
          <fo:region-body margin="20mm"/>
        </fo:simple-page-master>
      </fo:layout-master-set>
      <fo:page-sequence master-reference="p">
        <fo:flow flow-name="xsl-region-body">
          <fo:block id="greeting"><xsl:value-of select="$greeting"/></fo:block>
          <fo:block font-weight="bold"><xsl:value-of select="n:title"/></fo:block>
          <xsl:for-each select="n:p">
            <fo:block><xsl:value-of select="."/></fo:block>
          </xsl:for-each>
          <xsl:if test="$extra != ''">
            <fo:block id="extra"><xsl:value-of select="document($extra, /)/*"/></fo:block>
          </xsl:if>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>
</xsl:stylesheet>
